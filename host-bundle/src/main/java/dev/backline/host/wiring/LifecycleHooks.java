package dev.backline.host.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

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

    /** Runs every hook once, concurrently; returns when all have finished. Never throws for a hook. */
    void run(LoggerService logger) {
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
        CompletableFuture.allOf(running).join();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
