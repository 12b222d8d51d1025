package dev.backline.runtime.wiring;

import java.util.List;
import java.util.Optional;

import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ServiceRef;

/**
 * What one installed plugin or module declared at its last registration, for operators: the services
 * and extension points it depends on and the extension points it provides. Both lists are empty when
 * the feature has not registered yet or its registration failed ({@code registered} false).
 *
 * @param moduleId    the module id, empty for the plugin itself
 * @param featureType the class of the feature, to tell where it was loaded from
 */
public record FeatureDeclaration(String pluginId, Optional<String> moduleId, Class<?> featureType, boolean registered,
        List<ServiceRef<?>> serviceDeps, List<ExtensionPoint<?>> extensionPointDeps,
        List<ExtensionPoint<?>> providedExtensionPoints) {

    public FeatureDeclaration {
        serviceDeps = List.copyOf(serviceDeps);
        extensionPointDeps = List.copyOf(extensionPointDeps);
        providedExtensionPoints = List.copyOf(providedExtensionPoints);
    }

    /** "plugin 'p'" or "module 'm'", for listings. */
    public String describe() {
        return moduleId.map(m -> "module '" + m + "'").orElse("plugin '" + pluginId + "'");
    }

    static FeatureDeclaration of(FeatureRegistration registration) {
        return new FeatureDeclaration(registration.pluginId(), Optional.ofNullable(registration.moduleId()),
                registration.feature().getClass(), true, registration.serviceDeps(), registration.extensionPointDeps(),
                registration.extensionPoints().stream().<ExtensionPoint<?>>map(FeatureRegistration.ProvidedExtensionPoint::ref)
                        .toList());
    }

    static FeatureDeclaration unregistered(String pluginId, String moduleId, Class<?> featureType) {
        return new FeatureDeclaration(pluginId, Optional.ofNullable(moduleId), featureType, false, List.of(), List.of(),
                List.of());
    }
}
