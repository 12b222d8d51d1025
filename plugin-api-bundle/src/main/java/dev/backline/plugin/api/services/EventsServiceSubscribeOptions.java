package dev.backline.plugin.api.services;

import java.util.List;
import java.util.Objects;

/**
 * A subscription: its id (unique within the plugin, it names the subscriber in logs), the topics it receives and its
 * handler.
 *
 * @since 1.4
 */
public record EventsServiceSubscribeOptions(String id, List<String> topics, EventsServiceEventHandler onEvent) {

    public EventsServiceSubscribeOptions {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A subscriber needs an id, got '" + id + "'");
        }
        topics = List.copyOf(Objects.requireNonNull(topics, "topics of subscriber '" + id + "'"));
        if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Subscriber '" + id + "' needs one or more non-blank topics, got " + topics);
        }
        Objects.requireNonNull(onEvent, "onEvent of subscriber '" + id + "'");
    }
}
