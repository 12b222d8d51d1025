package dev.backline.runtime.wiring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;

/**
 * The registrations of one plugin and its modules for one start: what succeeded, and what failed to
 * register (each failure belongs to its own feature, never to the whole backend).
 */
final class PluginRegistrations {

    /** A module's registration, or why it failed; {@code duplicate} for a second module with the same id. */
    record ModuleEntry(String moduleId, FeatureRegistration registration, Throwable error, boolean duplicate) {
    }

    private final String pluginId;
    private FeatureRegistration plugin;
    private Throwable pluginError;
    private final List<ModuleEntry> modules = new ArrayList<>();

    private PluginRegistrations(String pluginId) {
        this.pluginId = pluginId;
    }

    /**
     * Runs {@code register} of a plugin and its modules, in order. A second copy of the plugin fails the
     * plugin id and drops both copies and their modules; a second module with the same id fails and the
     * first stays; an extension point id already owned elsewhere fails the feature that registered it
     * second.
     */
    static PluginRegistrations register(String pluginId, List<BackendFeature> pluginFeatures,
            List<BackendModule> moduleFeatures, ExtensionPointOwners owners) {
        PluginRegistrations result = new PluginRegistrations(pluginId);
        if (pluginFeatures.size() > 1) {
            result.pluginError = new WiringException("Plugin '" + pluginId + "' is already registered");
            return result;
        }
        try {
            result.plugin = owners.claim(FeatureRegistrar.register(pluginFeatures.get(0)));
        } catch (WiringException e) {
            result.pluginError = e;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (BackendModule module : moduleFeatures) {
            String moduleId = module.moduleId();
            if (!seen.add(moduleId)) {
                result.modules.add(new ModuleEntry(moduleId, null, new WiringException(
                        "Module '" + moduleId + "' for plugin '" + pluginId + "' is already registered"), true));
                continue;
            }
            try {
                result.modules.add(new ModuleEntry(moduleId, owners.claim(FeatureRegistrar.register(module)), null, false));
            } catch (WiringException e) {
                result.modules.add(new ModuleEntry(moduleId, null, e, false));
            }
        }
        return result;
    }

    /** Registrations that failed as a whole, e.g. a {@code register} that did not return in time. */
    static PluginRegistrations failed(String pluginId, Throwable error) {
        PluginRegistrations result = new PluginRegistrations(pluginId);
        result.pluginError = error;
        return result;
    }

    String pluginId() {
        return pluginId;
    }

    Optional<FeatureRegistration> plugin() {
        return Optional.ofNullable(plugin);
    }

    Optional<Throwable> pluginError() {
        return Optional.ofNullable(pluginError);
    }

    List<ModuleEntry> modules() {
        return List.copyOf(modules);
    }

    /** Every successful registration: modules first, then the plugin. */
    List<FeatureRegistration> all() {
        List<FeatureRegistration> all = new ArrayList<>();
        modules.stream().map(ModuleEntry::registration).filter(r -> r != null).forEach(all::add);
        if (plugin != null) {
            all.add(plugin);
        }
        return all;
    }
}
