package dev.backline.runtime.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.backline.plugin.api.services.LogLevel;

/**
 * One line recorded by {@link CapturingLogger}, as it would have been written: secrets already masked,
 * fields merged (logger's then call's, in order; null values kept).
 *
 * @param error the throwable passed, or its {@link RedactedException} stand-in; null when none
 */
public record LogLine(LogLevel level, String message, Map<String, Object> fields, Throwable error) {

    public LogLine {
        Objects.requireNonNull(level, "level");
        // Keeps order and null values, which Map.copyOf would not.
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value of field {@code key}, or null. */
    public Object field(String key) {
        return fields.get(key);
    }
}
