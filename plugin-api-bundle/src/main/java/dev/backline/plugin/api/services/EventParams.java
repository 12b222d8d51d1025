package dev.backline.plugin.api.services;

import java.util.Map;
import java.util.Objects;

/**
 * An event: its topic (e.g. {@code catalog.entity.stored}), its payload (a value Jackson can write as JSON) and
 * metadata (string pairs, e.g. the HTTP headers of an ingress request).
 *
 * @since 1.4
 */
public record EventParams(String topic, Object eventPayload, Map<String, String> metadata) {

    public EventParams {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("An event needs a topic, got '" + topic + "'");
        }
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    public static EventParams of(String topic, Object eventPayload) {
        return new EventParams(topic, eventPayload, Map.of());
    }
}
