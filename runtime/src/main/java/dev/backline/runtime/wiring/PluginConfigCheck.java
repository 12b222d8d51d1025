package dev.backline.runtime.wiring;

import java.util.List;
import java.util.function.Supplier;

import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.services.Config;

/**
 * Checks a plugin's configuration when the plugin starts, before its services, modules and init run
 * (the host checks it against the configuration schemas of the plugin and its modules). A throw is that
 * plugin's startup failure, judged by the boot-failure policy like any other.
 */
@FunctionalInterface
public interface PluginConfigCheck {

    /** Accepts every configuration. */
    PluginConfigCheck NONE = (pluginId, features, config) -> { };

    /**
     * @param features the plugin and its modules, as they start now
     * @param config   the plugin's configuration view ({@code core.config}), created on first call
     * @throws RuntimeException naming what is wrong, when the configuration is not acceptable
     */
    void check(String pluginId, List<BackendFeature> features, Supplier<Config> config);
}
