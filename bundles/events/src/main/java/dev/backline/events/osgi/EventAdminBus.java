package dev.backline.events.osgi;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.backline.events.core.BusEvent;
import dev.backline.events.core.DeliveryThreads;
import dev.backline.events.core.EventBus;
import dev.backline.events.core.SerialDelivery;

/**
 * The bus on the OSGi Event Admin. A Backstage topic contains dots, which Event Admin topics may not, so an event
 * goes out on {@code dev/backline/events/<topic with each '.' as '/'>} (characters other than letters, digits,
 * {@code _} and {@code -} become {@code _}, an empty part is {@code _}), e.g. {@code catalog.entity.stored} on
 * {@code dev/backline/events/catalog/entity/stored}. The exact topic travels in the property {@value #TOPIC}, the
 * payload as JSON text in {@value #PAYLOAD}, the metadata (a {@code Map<String, String>}) in {@value #METADATA}, the
 * publishing instance and plugin in {@value #ORIGIN} and {@value #PLUGIN}. An operator's plain {@link EventHandler}
 * on those topics (or on {@code dev/backline/events/*}) sees every event, including those of other instances.
 *
 * <p>Each subscription is an {@link EventHandler} service whose {@code handleEvent} only queues the event for the
 * subscriber ({@link SerialDelivery}) and returns: Event Admin blacklists a handler that takes longer than its
 * timeout (Felix: 5 s), silently and for good, so a slow subscriber must never run on Event Admin's thread. Event
 * Admin delivers the events one thread posted in order (async ordered delivery); the queue keeps that order and
 * runs the subscriber one event at a time.
 */
final class EventAdminBus implements EventBus {

    static final String TOPIC_PREFIX = "dev/backline/events/";
    static final String TOPIC = "backline.topic";
    static final String PAYLOAD = "backline.payload";
    static final String METADATA = "backline.metadata";
    static final String ORIGIN = "backline.origin";
    static final String PLUGIN = "backline.plugin";

    private final BundleContext context;
    private final EventAdmin eventAdmin;
    private final ExecutorService threads = DeliveryThreads.create("backline-events");
    private final Set<HandlerSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private boolean closed;

    EventAdminBus(BundleContext context, EventAdmin eventAdmin) {
        this.context = context;
        this.eventAdmin = eventAdmin;
    }

    /** The Event Admin topic of a Backstage topic (see the class comment). */
    static String eventAdminTopic(String topic) {
        StringBuilder mapped = new StringBuilder(TOPIC_PREFIX);
        String[] parts = topic.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                mapped.append('/');
            }
            mapped.append(parts[i].isEmpty() ? "_" : parts[i].replaceAll("[^A-Za-z0-9_-]", "_"));
        }
        return mapped.toString();
    }

    @Override
    public void post(BusEvent event) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(TOPIC, event.topic());
        properties.put(PAYLOAD, event.payloadJson());
        properties.put(METADATA, event.metadata());
        properties.put(ORIGIN, event.origin());
        properties.put(PLUGIN, event.pluginId());
        eventAdmin.postEvent(new Event(eventAdminTopic(event.topic()), properties));
    }

    @Override
    public Subscription subscribe(String name, Set<String> topics, Consumer<BusEvent> receiver,
            Consumer<BusEvent> overflow) {
        HandlerSubscription subscription = new HandlerSubscription(Set.copyOf(topics), receiver, overflow);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, topics.stream().map(EventAdminBus::eventAdminTopic)
                .collect(Collectors.toCollection(LinkedHashSet::new)).toArray(String[]::new));
        properties.put(EventConstants.EVENT_DELIVERY, EventConstants.DELIVERY_ASYNC_ORDERED);
        properties.put("backline.events.subscriber", name);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The events bus is closed; '" + name + "' cannot subscribe");
            }
            subscriptions.add(subscription);
        }
        // registered outside the lock: service listeners run on this thread
        subscription.registration = context.registerService(EventHandler.class, subscription, properties);
        synchronized (this) {
            if (closed) {
                // closed meanwhile: a handler left registered would have nothing behind it
                subscription.cancel();
                throw new IllegalStateException("The events bus is closed; '" + name + "' cannot subscribe");
            }
        }
        return subscription;
    }

    @Override
    public String describe() {
        return "OSGi Event Admin (topics " + TOPIC_PREFIX + "…)";
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        subscriptions.forEach(HandlerSubscription::cancel);
        threads.shutdown();
    }

    private final class HandlerSubscription implements EventHandler, Subscription {

        private final Set<String> topics;
        private final SerialDelivery<BusEvent> delivery;
        private volatile ServiceRegistration<EventHandler> registration;

        HandlerSubscription(Set<String> topics, Consumer<BusEvent> receiver, Consumer<BusEvent> overflow) {
            this.topics = topics;
            this.delivery = new SerialDelivery<>(threads, receiver, overflow);
        }

        @Override
        public void handleEvent(Event event) {
            // The mapping of topics is not one to one: the exact topic decides. Events without Backline's properties
            // (posted by someone else on these topics) are not ours to deliver.
            if (!(event.getProperty(TOPIC) instanceof String topic) || !topics.contains(topic)
                    || !(event.getProperty(PAYLOAD) instanceof String payload)) {
                return;
            }
            Object origin = event.getProperty(ORIGIN);
            Object plugin = event.getProperty(PLUGIN);
            delivery.offer(new BusEvent(topic, payload, metadata(event.getProperty(METADATA)),
                    origin instanceof String value ? value : "", plugin instanceof String value ? value : ""));
        }

        /** Metadata as strings, whatever another poster on these topics put there. */
        private static Map<String, String> metadata(Object property) {
            Map<String, String> metadata = new HashMap<>();
            if (property instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if (key != null && value != null) {
                        metadata.put(key.toString(), value.toString());
                    }
                });
            }
            return metadata;
        }

        @Override
        public void cancel() {
            subscriptions.remove(this);
            delivery.cancel();
            ServiceRegistration<EventHandler> current = registration;
            if (current != null) {
                try {
                    current.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregistered it with the bundle
                }
            }
        }
    }
}
