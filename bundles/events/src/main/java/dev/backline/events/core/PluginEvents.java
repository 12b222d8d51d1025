package dev.backline.events.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsService;
import dev.backline.plugin.api.services.EventsServiceSubscribeOptions;
import dev.backline.plugin.api.services.HttpPostIngressOptions;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

/**
 * One plugin's {@code core.events}: publishes on the shared bus (and through the relay to other instances), keeps the
 * plugin's subscriptions and HTTP ingress topics, and ends them all when the plugin stops.
 */
final class PluginEvents implements EventsService {

    private final String pluginId;
    private final LoggerService logger;
    private final EventsServices services;
    private final Map<String, EventBus.Subscription> subscriptions = new LinkedHashMap<>();
    /** Read by every publish, so without the lock that subscribe and close share. */
    private volatile boolean closed;

    PluginEvents(String pluginId, LoggerService logger, EventsServices services) {
        this.pluginId = pluginId;
        this.logger = logger;
        this.services = services;
    }

    @Override
    public void publish(EventParams params) {
        Objects.requireNonNull(params, "params");
        String json = EventJson.payload(params.eventPayload(), params.topic(), pluginId);
        requireOpen("publish on topic '" + params.topic() + "'");
        services.publish(new BusEvent(params.topic(), json, params.metadata(), services.instanceId(), pluginId));
    }

    @Override
    public synchronized void subscribe(EventsServiceSubscribeOptions options) {
        Objects.requireNonNull(options, "options");
        requireOpen("subscribe '" + options.id() + "'");
        if (subscriptions.containsKey(options.id())) {
            throw new IllegalArgumentException("Plugin '" + pluginId + "' already has an events subscriber '"
                    + options.id() + "'; subscriber ids are unique within a plugin");
        }
        AtomicLong dropped = new AtomicLong();
        subscriptions.put(options.id(), services.bus().subscribe(pluginId + "/" + options.id(),
                Set.copyOf(options.topics()), event -> deliver(options, event), event -> {
                    long count = dropped.incrementAndGet();
                    if (count == 1 || count % 1000 == 0) {
                        logger.warn("Events subscriber '" + options.id() + "' of plugin '" + pluginId + "' has "
                                + SerialDelivery.CAPACITY + " events waiting; " + count + " event(s) dropped so far,"
                                + " the latest of topic '" + event.topic() + "'",
                                Map.of("subscriber", options.id(), "topic", event.topic(), "dropped", count));
                    }
                }));
        logger.debug("Events subscriber '" + options.id() + "' subscribed to " + options.topics(),
                Map.of("subscriber", options.id()));
    }

    @Override
    public synchronized void addHttpPostIngress(HttpPostIngressOptions options) {
        Objects.requireNonNull(options, "options");
        requireOpen("open the HTTP ingress of topic '" + options.topic() + "'");
        services.ingress().open(options, pluginId, this);
        logger.info("HTTP ingress open: POST /api/events/http/" + options.topic()
                + (options.allowUnauthenticated() ? " (without credentials)" : ""), Map.of("topic", options.topic()));
    }

    /** Runs one handler call; what it throws is logged and stays here, so the next event still comes. */
    private void deliver(EventsServiceSubscribeOptions options, BusEvent event) {
        try {
            options.onEvent().onEvent(new EventParams(event.topic(), EventJson.values(event.payloadJson()), event.metadata()));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("subscriber", options.id());
            fields.put("topic", event.topic());
            fields.put("eventPlugin", event.pluginId());
            logger.log(LogLevel.ERROR, "Events subscriber '" + options.id() + "' of plugin '" + pluginId
                    + "' failed on an event of topic '" + event.topic() + "'", fields, e);
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException("Plugin '" + pluginId + "' has stopped; its events service cannot " + what);
        }
    }

    /** At the plugin's stop: its subscriptions end (queued events are dropped) and its ingress topics close. */
    synchronized void close() {
        // one lock with addHttpPostIngress: a topic opened while the plugin stops is closed here, not left behind
        closed = true;
        subscriptions.values().forEach(EventBus.Subscription::cancel);
        subscriptions.clear();
        services.ingress().closeAll(this);
    }
}
