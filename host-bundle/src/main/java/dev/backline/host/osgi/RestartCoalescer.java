package dev.backline.host.osgi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Turns a burst of requests for the same key into as few actions as possible. A request runs its action as
 * soon as the executor gets to it (so requests queued on the executor together make one action); requests made
 * while that action runs are gathered into one action run right after it. A request that is often followed by
 * another at once (a service leaving: a bundle update brings it back a few milliseconds later) waits up to
 * {@code followUpWindow} for it, and the follow-up runs both at once: a bundle update gives one restart, a
 * module installed is acted on without any wait. The action gets the reasons of every request it stands for,
 * in order, each once.
 */
final class RestartCoalescer {

    private static final class Key {
        final Set<String> reasons = new LinkedHashSet<>();
        boolean scheduled;
        boolean running;
        /** A request waiting for its follow-up; null when none. */
        ScheduledFuture<?> window;
    }

    private final ScheduledExecutorService executor;
    private final Duration followUpWindow;
    private final BiFunction<String, List<String>, CompletableFuture<?>> action;
    private final Map<String, Key> keys = new HashMap<>();
    private boolean cancelled;

    /**
     * @param executor       runs the actions (it should only send them off)
     * @param followUpWindow how long a request {@code mayBeFollowed} waits for another
     * @param action         acts for a key and its reasons; completes when the action's effect is done
     */
    RestartCoalescer(ScheduledExecutorService executor, Duration followUpWindow,
            BiFunction<String, List<String>, CompletableFuture<?>> action) {
        this.executor = executor;
        this.followUpWindow = followUpWindow;
        this.action = action;
    }

    /** A request acted on at once. */
    void request(String key, String reason) {
        request(key, reason, false);
    }

    /**
     * @param mayBeFollowed true when another request for the key usually follows at once (then it waits up to the
     *                      follow-up window for it); false to act at once
     */
    synchronized void request(String key, String reason, boolean mayBeFollowed) {
        if (cancelled) {
            return;
        }
        Key state = keys.computeIfAbsent(key, k -> new Key());
        state.reasons.add(reason);
        if (state.scheduled || state.running) {
            return; // taken in by the action about to run, or by the one after the running action
        }
        if (!mayBeFollowed) {
            schedule(key, state);
        } else if (state.window == null) {
            state.window = executor.schedule(() -> windowEnded(key), followUpWindow.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void windowEnded(String key) {
        Key state = keys.get(key);
        if (state != null && state.window != null) {
            state.window = null;
            if (!state.scheduled && !state.running) {
                schedule(key, state);
            }
        }
    }

    private void schedule(String key, Key state) {
        if (state.window != null) {
            state.window.cancel(false);
            state.window = null;
        }
        state.scheduled = true;
        executor.execute(() -> run(key));
    }

    private void run(String key) {
        List<String> reasons;
        Key state;
        synchronized (this) {
            state = keys.get(key);
            if (state == null || cancelled) {
                return;
            }
            state.scheduled = false;
            state.running = true;
            reasons = new ArrayList<>(state.reasons);
            state.reasons.clear();
        }
        CompletableFuture<?> done;
        try {
            done = action.apply(key, reasons);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, error) -> finished(key, state));
    }

    /** The action ended: what was requested meanwhile runs now, as one action. */
    private synchronized void finished(String key, Key state) {
        state.running = false;
        if (state.reasons.isEmpty() || cancelled) {
            keys.remove(key);
        } else {
            schedule(key, state);
        }
    }

    /** The keys with an action waiting to run or running now, sorted. */
    synchronized List<String> pendingKeys() {
        return List.copyOf(new java.util.TreeSet<>(keys.keySet()));
    }

    /** Drops what has not run yet; no action starts any more. */
    synchronized void cancelAll() {
        cancelled = true;
        keys.values().stream().filter(k -> k.window != null).forEach(k -> k.window.cancel(false));
        keys.clear();
    }
}
