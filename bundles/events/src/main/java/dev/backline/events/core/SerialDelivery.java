package dev.backline.events.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One subscriber's queue: items are handed to its receiver one at a time, in the order offered, on threads of a
 * shared executor, so a slow subscriber delays only itself and holds no thread while it has nothing to do. At most
 * {@link #CAPACITY} items wait: beyond that they are handed to the overflow consumer instead, so a subscriber that
 * cannot keep up does not fill the heap.
 *
 * @param <T> what is delivered
 */
public final class SerialDelivery<T> {

    /** Items delivered per turn before the thread is given back, so busy subscribers share the pool fairly. */
    private static final int BATCH = 64;
    /** How many items may wait for one subscriber. */
    public static final int CAPACITY = 10_000;

    private final Executor executor;
    private final Consumer<T> receiver;
    private final Consumer<T> overflow;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean cancelled;

    /**
     * @param receiver must not throw
     * @param overflow receives what does not fit into the queue; must not throw
     */
    public SerialDelivery(Executor executor, Consumer<T> receiver, Consumer<T> overflow) {
        this.executor = executor;
        this.receiver = receiver;
        this.overflow = overflow;
    }

    /** Queues an item and returns at once; ignored once cancelled, handed to the overflow consumer when full. */
    public void offer(T item) {
        if (cancelled) {
            return;
        }
        if (waiting.incrementAndGet() > CAPACITY) {
            waiting.decrementAndGet();
            overflow.accept(item);
            return;
        }
        queue.add(item);
        schedule();
    }

    /** Drops what is queued; an item being delivered finishes. */
    public void cancel() {
        cancelled = true;
        queue.clear();
        waiting.set(0);
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException closed) {
                // the bus is closing: nothing more is delivered
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        try {
            T item;
            int delivered = 0;
            while (!cancelled && delivered < BATCH && (item = queue.poll()) != null) {
                waiting.decrementAndGet();
                receiver.accept(item);
                delivered++;
            }
        } finally {
            scheduled.set(false);
            // an item offered while this turn ended would otherwise wait for the next offer
            if (!cancelled && !queue.isEmpty()) {
                schedule();
            }
        }
    }
}
