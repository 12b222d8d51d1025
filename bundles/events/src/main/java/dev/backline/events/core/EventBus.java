package dev.backline.events.core;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Where events meet their subscribers within one instance: the OSGi Event Admin in the container,
 * {@link LocalEventBus} in plain Java. Both keep the same promises, so {@code core.events} behaves the same on either.
 */
public interface EventBus extends AutoCloseable {

    /** Hands an event to every subscription of its topic and returns at once, without waiting for any of them. */
    void post(BusEvent event);

    /**
     * Subscribes {@code receiver} to exactly these topics. It receives one event at a time, never on the publisher's
     * thread, and the events one thread posted in the order it posted them. It must not throw.
     *
     * @param name     names the subscription in thread names and logs, e.g. {@code catalog/indexer}
     * @param overflow receives the events that do not fit into the subscription's queue
     *                 ({@link SerialDelivery#CAPACITY} waiting); must not throw
     */
    Subscription subscribe(String name, Set<String> topics, Consumer<BusEvent> receiver, Consumer<BusEvent> overflow);

    /**
     * Subscribes as above; what does not fit into the subscription's queue ({@link SerialDelivery#CAPACITY}) is dropped
     * silently.
     */
    default Subscription subscribe(String name, Set<String> topics, Consumer<BusEvent> receiver) {
        return subscribe(name, topics, receiver, dropped -> { });
    }

    /** What the bus is, for the log line at start. */
    String describe();

    /** Ends every subscription; events still queued for them are dropped. */
    @Override
    void close();

    /** One subscription; cancelling drops what is still queued for it. */
    interface Subscription {
        void cancel();
    }
}
