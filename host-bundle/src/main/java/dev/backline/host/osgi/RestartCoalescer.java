package dev.backline.host.osgi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Turns a burst of requests for the same key into one action: each request pushes the action back by
 * the quiet period, so a bundle update (service gone, service back, a few more events) gives one
 * plugin restart, not many. The action gets the reasons of every request it stands for, in order, each
 * once. Actions run on the given executor.
 */
final class RestartCoalescer {

    private record Pending(ScheduledFuture<?> future, Set<String> reasons) {
    }

    private final ScheduledExecutorService executor;
    private final Duration quietPeriod;
    private final BiConsumer<String, List<String>> action;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Set<String> running = new java.util.HashSet<>();

    RestartCoalescer(ScheduledExecutorService executor, Duration quietPeriod, BiConsumer<String, List<String>> action) {
        this.executor = executor;
        this.quietPeriod = quietPeriod;
        this.action = action;
    }

    synchronized void request(String key, String reason) {
        Pending previous = pending.get(key);
        Set<String> reasons = new LinkedHashSet<>();
        if (previous != null) {
            previous.future().cancel(false);
            reasons.addAll(previous.reasons());
        }
        reasons.add(reason);
        pending.put(key, new Pending(executor.schedule(() -> run(key), quietPeriod.toMillis(), TimeUnit.MILLISECONDS),
                reasons));
    }

    private void run(String key) {
        Pending done;
        synchronized (this) {
            done = pending.remove(key);
            if (done == null) {
                return;
            }
            running.add(key);
        }
        try {
            action.accept(key, new ArrayList<>(done.reasons()));
        } finally {
            synchronized (this) {
                running.remove(key);
            }
        }
    }

    /** The keys with an action waiting for its quiet period or being handed over now, sorted. */
    synchronized List<String> pendingKeys() {
        Set<String> keys = new java.util.TreeSet<>(pending.keySet());
        keys.addAll(running);
        return List.copyOf(keys);
    }

    synchronized void cancelAll() {
        pending.values().forEach(p -> p.future().cancel(false));
        pending.clear();
    }
}
