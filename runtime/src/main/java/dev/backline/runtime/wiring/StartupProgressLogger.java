package dev.backline.runtime.wiring;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.backline.plugin.api.services.LoggerService;

/**
 * Logs which plugins are still initialising while a start runs: first after {@code firstDelay}, then
 * at doubling intervals up to {@code maxDelay} (1 s up to 60 s by default).
 */
final class StartupProgressLogger {

    private final LoggerService logger;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Set<String> pending = new TreeSet<>();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> next;
    private Duration delay;

    StartupProgressLogger(LoggerService logger, Duration firstDelay, Duration maxDelay) {
        this.logger = logger;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.factory("backline-startup-progress"));
    }

    synchronized void started(Collection<String> pluginIds) {
        pending.addAll(pluginIds);
        logger.info("Plugin initialization started: " + ServiceRegistry.quoteAll(new TreeSet<>(pluginIds)));
        delay = firstDelay;
        schedule();
    }

    synchronized void finished(String pluginId, boolean failed) {
        pending.remove(pluginId);
        if (failed) {
            logger.error("Plugin '" + pluginId + "' threw an error during startup, waiting for " + pending.size()
                    + " other plugin(s) to finish");
        } else {
            logger.info("Plugin '" + pluginId + "' startup complete");
        }
    }

    synchronized void completed(Collection<String> pluginIds) {
        if (next != null) {
            next.cancel(false);
        }
        timer.shutdownNow();
        logger.info("Plugin initialization complete, newly initialized: "
                + ServiceRegistry.quoteAll(new TreeSet<>(pluginIds)));
    }

    private void schedule() {
        next = timer.schedule(this::report, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void report() {
        if (pending.isEmpty() || timer.isShutdown()) {
            return;
        }
        logger.info("Plugin initialization in progress, still initializing: " + ServiceRegistry.quoteAll(pending));
        delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
        schedule();
    }
}
