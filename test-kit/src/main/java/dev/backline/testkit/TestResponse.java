package dev.backline.testkit;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A response from the test backend: status, headers, body, and the body as JSON. */
public record TestResponse(String method, String path, int status, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON; fails naming the request and the body when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Body of " + this + " is not JSON", e);
        }
    }

    /** The body as JSON, read into a type (a record of the response, say). */
    public <T> T json(Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Body of " + this + " is not a " + type.getSimpleName(), e);
        }
    }

    /** The first value of a header, case-insensitively; null when there is none. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** For assertion messages: {@code GET /api/todo/todos -> 200 [...]}. */
    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
    }
}
