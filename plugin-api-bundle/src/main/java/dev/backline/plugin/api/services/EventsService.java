package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Events between plugins: Backstage's {@code coreServices.events}. Published events reach every subscriber of their
 * topic, in this backend (through the OSGi Event Admin) and on every other instance sharing the {@code events}
 * plugin's PostgreSQL database. Payloads travel as JSON: a subscriber receives plain JSON values (maps, lists,
 * strings, numbers, booleans, null), whatever type was published.
 *
 * <pre>{@code
 * events.subscribe(new EventsServiceSubscribeOptions("catalog-indexer", List.of("catalog.entity.stored"),
 *         event -> index(event.eventPayload())));
 * events.publish(EventParams.of("catalog.entity.stored", Map.of("entityRef", ref)));
 * }</pre>
 *
 * @since 1.4
 */
@ProviderType
public interface EventsService {

    /**
     * Publishes an event. Returns once it is handed to the bus; subscribers receive it asynchronously.
     *
     * @throws IllegalArgumentException when the payload cannot be written as JSON
     */
    void publish(EventParams params);

    /**
     * Subscribes to topics for as long as the plugin runs. Each subscriber receives its events one at a time, in the
     * order they were published on an instance; a handler that throws is logged with the subscriber id and topic and
     * does not stop later events, nor other subscribers. The subscriber id names it in logs: unique within the plugin.
     *
     * @throws IllegalArgumentException when the plugin already has a subscriber with this id
     */
    void subscribe(EventsServiceSubscribeOptions options);

    /**
     * Opens {@code POST /api/events/http/<topic>}: each request's JSON body is published on the topic, with the
     * request's headers as metadata. Behind the auth barrier unless the options open it to unauthenticated callers.
     * Closed again when the plugin stops.
     *
     * @throws IllegalArgumentException when another plugin has opened the topic
     */
    void addHttpPostIngress(HttpPostIngressOptions options);
}
