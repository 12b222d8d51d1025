package dev.backline.host.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.backline.plugin.api.services.LogLevel;

/**
 * Formats one log record as one line of JSON:
 * {@code {"time":"2025-01-01T10:00:00.123Z","level":"info","logger":"backline.plugin.catalog",
 * "message":"…","plugin":"catalog",…,"error":{"name":"…","message":"…","stack":"…"}}}.
 * Fields sit at the top level after {@code message}; one named like a reserved key ({@code time},
 * {@code level}, {@code logger}, {@code message}, {@code error}) is written as {@code field.<name>}.
 * Strings, numbers and booleans keep their JSON type, anything else is written as its string form.
 * The caller redacts first; this class only formats.
 */
public final class JsonLogLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESERVED = Set.of("time", "level", "logger", "message", "error");

    private JsonLogLines() {
    }

    /** The record as JSON, without a line break (newlines inside strings are escaped). */
    public static String format(Instant time, LogLevel level, String logger, String message,
            Map<String, ?> fields, Throwable error) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", time.toString());
        line.put("level", level.name().toLowerCase(Locale.ROOT));
        line.put("logger", logger);
        line.put("message", message);
        if (fields != null) {
            fields.forEach((key, value) -> put(line, RESERVED.contains(key) ? "field." + key : key, value));
        }
        if (error != null) {
            ObjectNode node = line.putObject("error");
            node.put("name", error instanceof RedactedException redacted ? redacted.originalClassName() : error.getClass().getName());
            node.put("message", error.getMessage());
            node.put("stack", stackOf(error));
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            // Cannot happen for a tree of strings, numbers and booleans; still, never lose the line.
            return "{\"level\":\"error\",\"message\":\"A log line could not be written as JSON\"}";
        }
    }

    private static void put(ObjectNode line, String key, Object value) {
        if (value == null) {
            line.putNull(key);
        } else if (value instanceof String s) {
            line.put(key, s);
        } else if (value instanceof Boolean b) {
            line.put(key, b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            line.put(key, ((Number) value).longValue());
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            line.put(key, n.doubleValue());
        } else if (value instanceof Object[] array) {
            line.put(key, java.util.Arrays.deepToString(array));
        } else {
            line.put(key, String.valueOf(value));
        }
    }

    private static String stackOf(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            error.printStackTrace(writer);
        }
        return text.toString().stripTrailing();
    }
}
