package dev.backline.runtime.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.backline.plugin.api.services.LifecycleHook;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The hooks of one lifecycle phase of one owner. Runs them concurrently, logs each failure, and
 * refuses hooks added after the phase has run.
 */
final class LifecycleHooks {

    private static final ExecutorService HOOK_THREADS = Threads.cachedPool("backline-hook");

    private final String phase;
    private final String owner;
    private final List<LifecycleHook> hooks = new ArrayList<>();
    private boolean ran;

    LifecycleHooks(String phase, String owner) {
        this.phase = phase;
        this.owner = owner;
    }

    synchronized void add(LifecycleHook hook) {
        Objects.requireNonNull(hook, phase + " hook");
        if (ran) {
            throw new IllegalStateException("Attempted to add " + phase + " hook for " + owner + " after the "
                    + phase + " phase has already run");
        }
        hooks.add(hook);
    }

    /**
     * Runs every hook once, concurrently; returns when all have finished, or once {@code limit} has passed
     * (then the ones still running are logged and left behind), or when the calling thread is interrupted.
     * Never throws for a hook.
     *
     * @param limit how long to wait for the hooks; null waits as long as they take
     */
    void run(LoggerService logger, Duration limit) {
        List<LifecycleHook> toRun;
        synchronized (this) {
            if (ran) {
                return;
            }
            ran = true;
            toRun = List.copyOf(hooks);
        }
        CompletableFuture<?>[] running = toRun.stream()
                .map(hook -> CompletableFuture.runAsync(() -> {
                    try {
                        hook.run();
                    } catch (Exception | Error e) {
                        logger.error(capitalized(phase) + " hook of " + owner + " failed", e);
                    }
                }, HOOK_THREADS))
                .toArray(CompletableFuture<?>[]::new);
        CompletableFuture<Void> all = CompletableFuture.allOf(running);
        try {
            if (limit == null) {
                all.get();
            } else {
                all.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            long left = java.util.Arrays.stream(running).filter(f -> !f.isDone()).count();
            logger.warn(left + " " + phase + " hook(s) of " + owner + " still running after " + limit.toMillis()
                    + " ms; going on without them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.warn("Interrupted while the " + phase + " hooks of " + owner + " ran; going on without them");
        } catch (ExecutionException e) {
            // Cannot happen: every hook's failure is caught and logged above.
            logger.error(capitalized(phase) + " hooks of " + owner + " failed", e.getCause());
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
