package dev.backline.runtime.wiring;

import java.util.List;

import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.Dependency;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointFactory;
import dev.backline.plugin.api.InitFunction;
import dev.backline.plugin.api.ServiceRef;

/**
 * What one feature declared in {@code register}: the extension points it provides, its dependencies
 * and its init function.
 */
record FeatureRegistration(BackendFeature feature, List<ProvidedExtensionPoint> extensionPoints,
        List<Dependency<?>> deps, InitFunction init, List<ClosableRegistrations<?>> registrations) {

    /** An extension point with either one shared implementation or a factory per consuming module. */
    record ProvidedExtensionPoint(ExtensionPoint<?> ref, Object implementation, ExtensionPointFactory<?> factory) {
    }

    FeatureRegistration {
        extensionPoints = List.copyOf(extensionPoints);
        deps = List.copyOf(deps);
        registrations = List.copyOf(registrations);
    }

    String pluginId() {
        return feature.pluginId();
    }

    /** The module id, or null for a plugin. */
    String moduleId() {
        return feature instanceof BackendModule module ? module.moduleId() : null;
    }

    List<ServiceRef<?>> serviceDeps() {
        return deps.stream().filter(d -> d instanceof ServiceRef).<ServiceRef<?>>map(d -> (ServiceRef<?>) d).toList();
    }

    List<ExtensionPoint<?>> extensionPointDeps() {
        return deps.stream().filter(d -> d instanceof ExtensionPoint).<ExtensionPoint<?>>map(d -> (ExtensionPoint<?>) d)
                .toList();
    }

    void closeRegistrations() {
        registrations.forEach(ClosableRegistrations::close);
    }

    /** "plugin 'p'" or "module 'm' for plugin 'p'", for messages. */
    String describe() {
        return describe(pluginId(), moduleId());
    }

    static String describe(String pluginId, String moduleId) {
        return moduleId == null ? "plugin '" + pluginId + "'" : "module '" + moduleId + "' for plugin '" + pluginId + "'";
    }
}
