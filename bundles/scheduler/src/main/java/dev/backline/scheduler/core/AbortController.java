package dev.backline.scheduler.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.backline.plugin.api.services.AbortSignal;

/** The signal handed to one run of a task, and the means to abort it. */
final class AbortController implements AbortSignal {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /** Aborts the signal once; later calls keep the first reason. Listeners that throw do not stop the others. */
    void abort(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        for (Runnable listener : listeners) {
            runQuietly(listener);
        }
    }

    @Override
    public boolean aborted() {
        return reason != null;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public void onAbort(Runnable listener) {
        synchronized (this) {
            if (reason == null) {
                listeners.add(listener);
                return;
            }
        }
        runQuietly(listener);
    }

    private static void runQuietly(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            // a listener's failure is the task's own business; the abort goes on
        }
    }
}
