package dev.backline.events.core;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.backline.plugin.api.services.EventsService;
import dev.backline.plugin.api.services.HttpPostIngressOptions;

/** The topics open to {@code POST /api/events/http/<topic>}, each with the plugin that opened it. */
final class IngressTopics {

    /**
     * A topic: the options, who opened it, the events service its events are published through, and whether that
     * plugin runs (a stopped plugin's topic answers 503, not 404: a webhook's sender retries a 5xx, and the plugin is
     * usually only restarting).
     */
    record Ingress(HttpPostIngressOptions options, String pluginId, EventsService publisher, boolean active) {
        Ingress stopped() {
            return new Ingress(options, pluginId, publisher, false);
        }
    }

    private final ConcurrentMap<String, Ingress> topics = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException naming both plugins when the topic is open already */
    void open(HttpPostIngressOptions options, String pluginId, EventsService publisher) {
        topics.compute(options.topic(), (topic, existing) -> {
            // a stopped plugin's topic goes to whoever opens it next: the plugin itself when it has restarted
            if (existing != null && existing.active()) {
                throw new IllegalArgumentException(existing.pluginId().equals(pluginId)
                        ? "Plugin '" + pluginId + "' has already opened the HTTP ingress of topic '" + topic + "'"
                        : "Plugin '" + pluginId + "' cannot open the HTTP ingress of topic '" + topic
                                + "': plugin '" + existing.pluginId() + "' has opened it");
            }
            return new Ingress(options, pluginId, publisher, true);
        });
    }

    Optional<Ingress> find(String topic) {
        return Optional.ofNullable(topics.get(topic));
    }

    /** Marks the topics opened through {@code publisher} stopped: the plugin owning it stopped. */
    void closeAll(EventsService publisher) {
        topics.replaceAll((topic, ingress) -> ingress.publisher() == publisher ? ingress.stopped() : ingress);
    }
}
