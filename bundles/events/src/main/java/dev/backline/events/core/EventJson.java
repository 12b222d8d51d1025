package dev.backline.events.core;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Payloads and metadata as JSON text, and back as plain values (maps, lists, strings, numbers, booleans, null). */
final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            // one JSON document per body: "{} trailing" is not an event
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private EventJson() {
    }

    /** @throws IllegalArgumentException naming the topic and plugin when the payload cannot be written as JSON */
    static String payload(Object payload, String topic, String pluginId) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The payload of an event on topic '" + topic + "' published by plugin '"
                    + pluginId + "' cannot be written as JSON (" + (payload == null ? "null" : payload.getClass().getName())
                    + "): " + e.getOriginalMessage(), e);
        }
    }

    /** The plain values of JSON this bundle wrote. */
    static Object values(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The plain values of a request body; {@link IOException} when it is not one JSON document. */
    static Object bodyValues(byte[] body) throws IOException {
        if (body.length == 0) {
            throw new IOException("the body is empty");
        }
        try {
            return JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }

    static String metadata(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event metadata is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
