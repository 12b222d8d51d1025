package dev.backline.runtime.logging;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the root logger writes lines: {@code backend.logger.format}. */
public enum LogFormat {

    /** Through the SLF4J provider, in its format, fields as key-value pairs (the default). */
    TEXT,

    /** One JSON object per line, for log shippers (every line of the process, with logback). */
    JSON;

    /**
     * @throws IllegalArgumentException naming the key and the allowed values, for any other word
     */
    public static LogFormat parse(String value) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(value.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for backend.logger.format; use one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
