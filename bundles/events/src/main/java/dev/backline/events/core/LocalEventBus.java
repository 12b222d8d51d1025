package dev.backline.events.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** The bus of one process without OSGi (plain Java, tests): the same promises as the Event Admin bus. */
public final class LocalEventBus implements EventBus {

    private final ExecutorService threads = DeliveryThreads.create("backline-events");
    private final List<LocalSubscription> subscriptions = new CopyOnWriteArrayList<>();

    private final class LocalSubscription implements Subscription {
        final Set<String> topics;
        final SerialDelivery<BusEvent> delivery;

        LocalSubscription(Set<String> topics, Consumer<BusEvent> receiver, Consumer<BusEvent> overflow) {
            this.topics = Set.copyOf(topics);
            this.delivery = new SerialDelivery<>(threads, receiver, overflow);
        }

        @Override
        public void cancel() {
            subscriptions.remove(this);
            delivery.cancel();
        }
    }

    @Override
    public void post(BusEvent event) {
        for (LocalSubscription subscription : subscriptions) {
            if (subscription.topics.contains(event.topic())) {
                subscription.delivery.offer(event);
            }
        }
    }

    @Override
    public Subscription subscribe(String name, Set<String> topics, Consumer<BusEvent> receiver,
            Consumer<BusEvent> overflow) {
        LocalSubscription subscription = new LocalSubscription(topics, receiver, overflow);
        subscriptions.add(subscription);
        return subscription;
    }

    /** How many subscriptions are open. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public String describe() {
        return "in-process bus";
    }

    @Override
    public void close() {
        subscriptions.forEach(LocalSubscription::cancel);
        threads.shutdown();
    }
}
