package dev.backline.scheduler.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.quartz.spi.ThreadPool;

/**
 * The threads that run one plugin's tasks, for Quartz. Unlike Quartz's own pool it starts a thread only when a run
 * needs one and lets it end when idle, so a plugin with a task every hour holds no worker in between. Its shutdown
 * waits a bounded time: a task that ignores its abort signal cannot hold up the plugin's stop forever. Public only
 * because Quartz sets its instance name and id by reflection.
 */
public final class WorkerPool implements ThreadPool {

    private static final Duration IDLE = Duration.ofSeconds(30);

    private final int size;
    private final Duration shutdownWait;
    private final Semaphore free;
    private final ThreadPoolExecutor executor;
    private volatile boolean shutdown;

    WorkerPool(String threadNamePrefix, int size, Duration shutdownWait) {
        this.size = size;
        this.shutdownWait = shutdownWait;
        this.free = new Semaphore(size);
        AtomicInteger counter = new AtomicInteger();
        // The semaphore bounds the runs; the executor itself is unbounded, as a worker that has just released its
        // permit may not be back in the executor yet when the next run comes.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, threadNamePrefix + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public boolean runInThread(Runnable runnable) {
        if (shutdown || !free.tryAcquire()) {
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    runnable.run();
                } finally {
                    free.release();
                }
            });
            return true;
        } catch (RuntimeException rejected) {
            free.release();
            return false;
        }
    }

    /** Waits until a worker is free, as Quartz's scheduler thread expects before it acquires triggers. */
    @Override
    public int blockForAvailableThreads() {
        while (!shutdown) {
            try {
                if (free.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    int available = free.availablePermits() + 1;
                    free.release();
                    return available;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void initialize() {
        // threads start on demand
    }

    /** Stops taking runs; with {@code waitForJobsToComplete}, waits up to the shutdown wait for running ones. */
    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        shutdown = true;
        executor.shutdown();
        if (waitForJobsToComplete) {
            awaitTermination();
        }
    }

    /** True when no run is left: every worker thread has ended. */
    boolean awaitTermination() {
        try {
            return executor.awaitTermination(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int getPoolSize() {
        return size;
    }

    @Override
    public void setInstanceId(String schedInstId) {
        // names come from the constructor
    }

    @Override
    public void setInstanceName(String schedName) {
        // names come from the constructor
    }
}
