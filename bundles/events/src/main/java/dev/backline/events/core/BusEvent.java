package dev.backline.events.core;

import java.util.Map;
import java.util.Objects;

/**
 * An event as it travels: its topic, its payload already written as JSON (so every subscriber, here or on another
 * instance, reads the same plain values), its metadata, the instance that published it and the publishing plugin.
 */
public record BusEvent(String topic, String payloadJson, Map<String, String> metadata, String origin, String pluginId) {

    public BusEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadJson, "payloadJson");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(pluginId, "pluginId");
    }
}
