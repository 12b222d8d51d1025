package dev.backline.runtime.wiring;

import dev.backline.plugin.api.services.LifecycleHook;
import dev.backline.plugin.api.services.LifecycleService;
import dev.backline.plugin.api.services.LoggerService;

/** A plugin's lifecycle; the initializer runs its phases when the plugin starts and stops. */
public final class PluginLifecycle implements LifecycleService {

    private final LoggerService logger;
    private final LifecycleHooks startup;
    private final LifecycleHooks shutdown;

    public PluginLifecycle(String pluginId, LoggerService logger) {
        this.logger = logger;
        String owner = "plugin '" + pluginId + "'";
        this.startup = new LifecycleHooks("startup", owner);
        this.shutdown = new LifecycleHooks("shutdown", owner);
    }

    @Override
    public void addStartupHook(LifecycleHook hook) {
        startup.add(hook);
    }

    @Override
    public void addShutdownHook(LifecycleHook hook) {
        shutdown.add(hook);
    }

    /** Runs the startup hooks; a start past its time limit interrupts the wait. */
    void startup() {
        startup.run(logger, null);
    }

    /** Runs the shutdown hooks, waiting at most {@code limit} for them. */
    void shutdown(java.time.Duration limit) {
        shutdown.run(logger, limit);
    }
}
