package dev.backline.runtime.shell;

import java.util.Optional;

import dev.backline.runtime.wiring.BackendInitializer;
import dev.backline.runtime.wiring.PluginStartupResult;

/**
 * Stops, starts and restarts single plugins for the shell. The OSGi host runs these on its own thread,
 * in order with bundle events; plain Java calls the initializer directly.
 */
public interface PluginControl {

    /** @see BackendInitializer#restartPlugin */
    Optional<PluginStartupResult> restart(String pluginId);

    /** @see BackendInitializer#stopPlugin */
    void stop(String pluginId);

    /** @see BackendInitializer#startPlugin */
    Optional<PluginStartupResult> start(String pluginId);

    /** Calls the initializer on the caller's thread. */
    static PluginControl direct(BackendInitializer initializer) {
        return new PluginControl() {
            @Override
            public Optional<PluginStartupResult> restart(String pluginId) {
                return initializer.restartPlugin(pluginId);
            }

            @Override
            public void stop(String pluginId) {
                initializer.stopPlugin(pluginId);
            }

            @Override
            public Optional<PluginStartupResult> start(String pluginId) {
                return initializer.startPlugin(pluginId);
            }
        };
    }
}
