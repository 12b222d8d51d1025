package dev.backline.plugin.api;

import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module: extends exactly one plugin, through that plugin's extension points, and shares that
 * plugin's service instances. Backstage's {@code createBackendModule}.
 */
@ConsumerType
public interface BackendModule extends BackendFeature {

    /** The module id, unique within its plugin. */
    String moduleId();

    /**
     * Creates a module from its plugin id, its module id and its {@code register} function.
     *
     * @throws IllegalArgumentException when either id does not follow {@link FeatureIds#RULE}
     */
    static BackendModule create(String pluginId, String moduleId, Consumer<Registrar> register) {
        FeatureIds.requireValidPluginId(pluginId);
        FeatureIds.requireValidModuleId(pluginId, moduleId);
        Objects.requireNonNull(register, "register");
        return new BackendModule() {
            @Override
            public String pluginId() {
                return pluginId;
            }

            @Override
            public String moduleId() {
                return moduleId;
            }

            @Override
            public void register(Registrar registrar) {
                register.accept(registrar);
            }

            @Override
            public String toString() {
                return "module '" + moduleId + "' for plugin '" + pluginId + "'";
            }
        };
    }
}
