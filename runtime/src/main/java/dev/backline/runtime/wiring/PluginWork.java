package dev.backline.runtime.wiring;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The threads working for one start or stop of one plugin: its {@code register}, services, modules and
 * {@code init}. They come from the backend's shared pool; this executor only knows which of them run for
 * this plugin right now, so that a start past its time limit can be {@link #abandon() abandoned}: every
 * such thread is interrupted, and tasks not begun yet never run.
 */
final class PluginWork implements Executor {

    private final Executor pool;
    private final Set<Thread> running = new HashSet<>();
    private boolean abandoned;

    PluginWork(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(() -> {
            Thread current = Thread.currentThread();
            synchronized (this) {
                if (abandoned) {
                    return;
                }
                running.add(current);
            }
            try {
                task.run();
            } finally {
                synchronized (this) {
                    running.remove(current);
                }
                // An interrupt meant for this plugin must not reach the next task of the pooled thread.
                Thread.interrupted();
            }
        });
    }

    /** Interrupts every thread working for the plugin now; later tasks are dropped. */
    synchronized void abandon() {
        abandoned = true;
        running.forEach(Thread::interrupt);
    }

    synchronized boolean abandoned() {
        return abandoned;
    }

    /** Throws when the work was abandoned, so a thread that ignored its interrupt goes no further. */
    void checkNotAbandoned(String pluginId) {
        if (abandoned()) {
            throw new WiringException("The start of plugin '" + pluginId + "' was abandoned");
        }
    }
}
