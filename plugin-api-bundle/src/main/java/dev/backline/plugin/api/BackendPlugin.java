package dev.backline.plugin.api;

import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A backend plugin: a feature with its own id, HTTP routes under {@code /api/<pluginId>}, database
 * and configuration. Backstage's {@code createBackendPlugin}.
 *
 * <p>Implement it in a class annotated {@link BacklinePlugin} (in Backline usually a Declarative Services
 * component), or create one inline with {@link #create(String, Consumer)}.
 */
@ConsumerType
public non-sealed interface BackendPlugin extends BackendFeature {

    /**
     * The plugin id. By default the one its class's {@link BacklinePlugin} annotation names.
     *
     * @throws IllegalStateException when the class neither overrides this method nor carries the annotation
     */
    @Override
    default String pluginId() {
        BacklinePlugin annotation = getClass().getAnnotation(BacklinePlugin.class);
        if (annotation == null) {
            throw new IllegalStateException(getClass().getName() + " implements BackendPlugin but has no plugin id: "
                    + "annotate it @BacklinePlugin(\"<id>\") or override pluginId()");
        }
        FeatureIds.requireValidPluginId(annotation.value());
        return annotation.value();
    }

    /**
     * Creates a plugin from its id and its {@code register} function.
     *
     * @throws IllegalArgumentException when the id does not follow {@link FeatureIds#RULE}
     */
    static BackendPlugin create(String pluginId, Consumer<Registrar> register) {
        FeatureIds.requireValidPluginId(pluginId);
        Objects.requireNonNull(register, "register");
        return new BackendPlugin() {
            @Override
            public String pluginId() {
                return pluginId;
            }

            @Override
            public void register(Registrar registrar) {
                register.accept(registrar);
            }

            @Override
            public String toString() {
                return "plugin '" + pluginId + "'";
            }
        };
    }
}
