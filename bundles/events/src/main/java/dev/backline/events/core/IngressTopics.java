package dev.backline.events.core;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.backline.plugin.api.services.EventsService;
import dev.backline.plugin.api.services.HttpPostIngressOptions;

/** The topics open to {@code POST /api/events/http/<topic>}, each with the plugin that opened it. */
final class IngressTopics {

    /** An open topic: the options, who opened it, and the events service its events are published through. */
    record Ingress(HttpPostIngressOptions options, String pluginId, EventsService publisher) {
    }

    private final ConcurrentMap<String, Ingress> topics = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException naming both plugins when the topic is open already */
    void open(HttpPostIngressOptions options, String pluginId, EventsService publisher) {
        Ingress ingress = new Ingress(options, pluginId, publisher);
        Ingress existing = topics.putIfAbsent(options.topic(), ingress);
        if (existing != null) {
            throw new IllegalArgumentException(existing.pluginId().equals(pluginId)
                    ? "Plugin '" + pluginId + "' has already opened the HTTP ingress of topic '" + options.topic() + "'"
                    : "Plugin '" + pluginId + "' cannot open the HTTP ingress of topic '" + options.topic()
                            + "': plugin '" + existing.pluginId() + "' has opened it");
        }
    }

    Optional<Ingress> find(String topic) {
        return Optional.ofNullable(topics.get(topic));
    }

    /** Closes the topics opened through {@code publisher}: the plugin owning it stopped. */
    void closeAll(EventsService publisher) {
        topics.values().removeIf(ingress -> ingress.publisher() == publisher);
    }
}
