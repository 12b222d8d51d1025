package dev.backline.events.core;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.EventsService;

/**
 * The {@code core.events} factory, the {@code events} plugin and the bus they share, with this instance's id. In
 * OSGi this bundle makes one on the Event Admin and registers both; in plain Java:
 *
 * <pre>{@code
 * EventsServices events = new EventsServices(new LocalEventBus());
 * Backend.builder().add(events.factory()).add(events.plugin())...;   // then events.close() after the backend stops
 * }</pre>
 *
 * Without the {@code events} plugin, {@code core.events} still works within the instance; the plugin adds the HTTP
 * ingress and, on PostgreSQL, the sharing with other instances.
 */
public final class EventsServices implements AutoCloseable {

    private final EventBus bus;
    private final String instanceId = newInstanceId();
    private final IngressTopics ingress = new IngressTopics();
    private final AtomicReference<PostgresRelay> relay = new AtomicReference<>();

    public EventsServices(EventBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    public ServiceFactory<EventsService> factory() {
        return ServiceFactory.of(CoreServices.EVENTS)
                .deps(CoreServices.ROOT_LOGGER, CoreServices.PLUGIN_METADATA, CoreServices.LOGGER, CoreServices.LIFECYCLE)
                .rootContext(deps -> {
                    deps.get(CoreServices.ROOT_LOGGER).info("Events bus: " + bus.describe() + ", instance " + instanceId);
                    return this;
                })
                .factory((deps, services) -> {
                    PluginEvents events = new PluginEvents(deps.get(CoreServices.PLUGIN_METADATA).getId(),
                            deps.get(CoreServices.LOGGER), services);
                    // subscriptions and ingress topics end with the plugin: a restarted plugin subscribes anew
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(events::close);
                    return events;
                });
    }

    /** The {@code events} plugin: the HTTP ingress, and the relay to other instances on PostgreSQL. */
    public BackendPlugin plugin() {
        return new EventsPlugin(this);
    }

    /** Identifies this instance's events in the shared table, so that it does not receive its own twice. */
    public String instanceId() {
        return instanceId;
    }

    EventBus bus() {
        return bus;
    }

    IngressTopics ingress() {
        return ingress;
    }

    /** An event published here: to the subscribers here at once, and to the other instances when relayed. */
    void publish(BusEvent event) {
        bus.post(event);
        PostgresRelay current = relay.get();
        if (current != null) {
            current.store(event);
        }
    }

    /** An event another instance published. */
    void receive(BusEvent event) {
        bus.post(event);
    }

    void attach(PostgresRelay value) {
        relay.set(value);
    }

    void detach(PostgresRelay value) {
        relay.compareAndSet(value, null);
    }

    @Override
    public void close() {
        bus.close();
    }

    /** Host, process and a random part: one process may hold several backends (tests), each its own instance. */
    private static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
