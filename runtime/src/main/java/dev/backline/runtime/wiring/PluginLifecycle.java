package dev.backline.runtime.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.backline.plugin.api.services.LifecycleHook;
import dev.backline.plugin.api.services.LifecycleService;
import dev.backline.plugin.api.services.LoggerService;

/**
 * A plugin's lifecycle; the initializer runs its phases when the plugin starts and stops. The shutdown hooks of the
 * plugin and its modules run first, then those of the plugin-scoped services, in the reverse order of their
 * creation: a service stops before the services it depends on (the scheduler before the database it runs on).
 */
public final class PluginLifecycle implements LifecycleService {

    private final String owner;
    private final LoggerService logger;
    private final LifecycleHooks startup;
    private final LifecycleHooks shutdown;
    private final List<LifecycleHooks> serviceShutdowns = new ArrayList<>();
    private boolean shutdownRan;

    public PluginLifecycle(String pluginId, LoggerService logger) {
        this.logger = logger;
        this.owner = "plugin '" + pluginId + "'";
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

    /** The lifecycle as a plugin-scoped service's factory sees it: its shutdown hooks run in that service's turn. */
    synchronized LifecycleService forService(String serviceId) {
        LifecycleHooks hooks = new LifecycleHooks("shutdown", "service '" + serviceId + "' of " + owner);
        if (shutdownRan) {
            hooks.run(logger, Duration.ZERO); // later hooks are refused, as the plugin's own are
        }
        serviceShutdowns.add(hooks);
        return new LifecycleService() {
            @Override
            public void addStartupHook(LifecycleHook hook) {
                startup.add(hook);
            }

            @Override
            public void addShutdownHook(LifecycleHook hook) {
                hooks.add(hook);
            }
        };
    }

    /** Runs the startup hooks; a start past its time limit interrupts the wait. */
    void startup() {
        startup.run(logger, null);
    }

    /**
     * Runs the shutdown hooks, the plugin's then each service's, waiting at most {@code limit} for them all (null:
     * as long as they take).
     */
    void shutdown(Duration limit) {
        List<LifecycleHooks> services;
        synchronized (this) {
            shutdownRan = true;
            services = new ArrayList<>(serviceShutdowns);
        }
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        shutdown.run(logger, limit);
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).run(logger, limit == null ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }
}
