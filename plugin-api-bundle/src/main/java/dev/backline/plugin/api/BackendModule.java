package dev.backline.plugin.api;

import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module: extends exactly one plugin, through that plugin's extension points, and shares that
 * plugin's service instances. Backstage's {@code createBackendModule}.
 */
@ConsumerType
public non-sealed interface BackendModule extends BackendFeature {

    /**
     * The id of the plugin this module extends. By default the one its class's {@link BacklineModule}
     * annotation names.
     *
     * @throws IllegalStateException when the class neither overrides this method nor carries the annotation
     */
    @Override
    default String pluginId() {
        String pluginId = annotation().pluginId();
        FeatureIds.requireValidPluginId(pluginId);
        return pluginId;
    }

    /**
     * The module id, unique within its plugin. By default the one its class's {@link BacklineModule}
     * annotation names.
     *
     * @throws IllegalStateException when the class neither overrides this method nor carries the annotation
     */
    default String moduleId() {
        BacklineModule annotation = annotation();
        FeatureIds.requireValidModuleId(annotation.pluginId(), annotation.moduleId());
        return annotation.moduleId();
    }

    private BacklineModule annotation() {
        BacklineModule annotation = getClass().getAnnotation(BacklineModule.class);
        if (annotation == null) {
            throw new IllegalStateException(getClass().getName() + " implements BackendModule but has no ids: annotate it "
                    + "@BacklineModule(pluginId = \"<plugin id>\", moduleId = \"<module id>\") or override pluginId() and moduleId()");
        }
        return annotation;
    }

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
