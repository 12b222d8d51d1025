package dev.backline.runtime.wiring;

import dev.backline.plugin.api.services.LifecycleHook;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.RootLifecycleService;

/** The backend's lifecycle; the initializer runs its phases at start and stop. */
public final class RootLifecycle implements RootLifecycleService {

    private final LoggerService logger;
    private final LifecycleHooks startup = new LifecycleHooks("startup", "the root lifecycle");
    private final LifecycleHooks beforeShutdown = new LifecycleHooks("before-shutdown", "the root lifecycle");
    private final LifecycleHooks shutdown = new LifecycleHooks("shutdown", "the root lifecycle");

    public RootLifecycle(LoggerService logger) {
        this.logger = logger;
    }

    @Override
    public void addStartupHook(LifecycleHook hook) {
        startup.add(hook);
    }

    @Override
    public void addBeforeShutdownHook(LifecycleHook hook) {
        beforeShutdown.add(hook);
    }

    @Override
    public void addShutdownHook(LifecycleHook hook) {
        shutdown.add(hook);
    }

    void startup() {
        startup.run(logger, null);
    }

    /** Runs the before-shutdown hooks, waiting at most {@code limit} for them. */
    void beforeShutdown(java.time.Duration limit) {
        beforeShutdown.run(logger, limit);
    }

    /** Runs the shutdown hooks, waiting at most {@code limit} for them. */
    void shutdown(java.time.Duration limit) {
        shutdown.run(logger, limit);
    }
}
