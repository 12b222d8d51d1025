package dev.backline.host.osgi;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a burst of requests for the same key into one action: each request pushes the action back by
 * the quiet period, so a bundle update (service gone, service back, a few more events) gives one
 * plugin restart, not many. Actions run on the given executor, one at a time if it is single-threaded.
 */
final class RestartCoalescer {

    private final ScheduledExecutorService executor;
    private final Duration quietPeriod;
    private final Consumer<String> action;
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();

    RestartCoalescer(ScheduledExecutorService executor, Duration quietPeriod, Consumer<String> action) {
        this.executor = executor;
        this.quietPeriod = quietPeriod;
        this.action = action;
    }

    synchronized void request(String key) {
        ScheduledFuture<?> previous = pending.get(key);
        if (previous != null) {
            previous.cancel(false);
        }
        pending.put(key, executor.schedule(() -> run(key), quietPeriod.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void run(String key) {
        synchronized (this) {
            pending.remove(key);
        }
        action.accept(key);
    }

    synchronized void cancelAll() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }
}
