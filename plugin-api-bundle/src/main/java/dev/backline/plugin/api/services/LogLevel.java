package dev.backline.plugin.api.services;

import java.util.Locale;

/** Log levels, most severe first. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG;

    /**
     * Parses a level name as written in {@code backend.logger.level}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static LogLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown log level '" + name + "'; expected one of error, warn, info, debug");
        }
    }
}
