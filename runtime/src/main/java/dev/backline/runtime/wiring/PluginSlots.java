package dev.backline.runtime.wiring;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Lets a bounded number of plugin starts and stops run at once, the others queued in order, so the threads
 * a backend uses do not grow with its number of plugins (500 plugins starting together would otherwise take
 * 500 pooled threads for no gain on a few cores).
 *
 * <p>An operation that holds its slot longer than {@code holdLimit} is taken to be waiting rather than
 * working (a slow database, a remote call) and gives its slot to the next one while it goes on: a few slow
 * plugins never hold back the others, and only they cost extra threads.
 */
final class PluginSlots {

    private final int slots;
    private final Duration holdLimit;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inUse;

    /**
     * @param executor starts a queued operation once a slot frees up (never the thread that freed it, which may be
     *                 the timer's)
     * @param timer    fires the hold limit; runs nothing else
     */
    PluginSlots(int slots, Duration holdLimit, Executor executor, ScheduledExecutorService timer) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, not " + slots);
        }
        this.slots = slots;
        this.holdLimit = holdLimit;
        this.executor = executor;
        this.timer = timer;
    }

    /** Slots for a machine with {@code processors} cores: two per core, at least four. */
    static int forProcessors(int processors) {
        return Math.max(4, 2 * processors);
    }

    /**
     * Runs {@code operation} (which must not block: it only sets off work on other threads) once a slot is free;
     * the slot is held until the future it returns completes, or until the hold limit.
     */
    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable begin = () -> begin(operation, result);
        synchronized (this) {
            if (inUse >= slots) {
                waiting.addLast(begin);
                return result;
            }
            inUse++;
        }
        begin.run();
        return result;
    }

    private <T> void begin(Supplier<CompletableFuture<T>> operation, CompletableFuture<T> result) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        };
        ScheduledFuture<?> holdTimer;
        try {
            holdTimer = timer.schedule(release, holdLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            holdTimer = null; // the backend has stopped; the slot is freed when the operation ends
        }
        CompletableFuture<T> running;
        try {
            running = operation.get();
        } catch (RuntimeException | Error e) {
            running = CompletableFuture.failedFuture(e);
        }
        ScheduledFuture<?> cancelOnEnd = holdTimer;
        running.whenComplete((value, error) -> {
            if (cancelOnEnd != null) {
                cancelOnEnd.cancel(false);
            }
            release.run();
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
    }

    /** Hands the slot to the first operation waiting, or frees it. */
    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                inUse--;
                return;
            }
        }
        try {
            executor.execute(next);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            next.run(); // the backend is stopping: its last stops must still run
        }
    }

    /** Operations running (holding a slot) and waiting for one, for tests and diagnostics. */
    synchronized int[] usage() {
        return new int[] {inUse, waiting.size()};
    }
}
