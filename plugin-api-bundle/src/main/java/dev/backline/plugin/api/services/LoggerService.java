package dev.backline.plugin.api.services;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A logger with structured fields. A plugin's logger carries the plugin id as a field on every line;
 * {@link #child} adds more.
 */
@ProviderType
public interface LoggerService {

    /** Writes one line, if {@code level} is enabled. {@code fields} and {@code error} may be empty/null. */
    void log(LogLevel level, String message, Map<String, ?> fields, Throwable error);

    /** True when lines at {@code level} are written. */
    boolean isEnabled(LogLevel level);

    /** A logger that adds {@code fields} to every line, after this logger's own. */
    LoggerService child(Map<String, ?> fields);

    default void error(String message) {
        log(LogLevel.ERROR, message, Map.of(), null);
    }

    default void error(String message, Throwable error) {
        log(LogLevel.ERROR, message, Map.of(), error);
    }

    default void error(String message, Map<String, ?> fields) {
        log(LogLevel.ERROR, message, fields, null);
    }

    default void warn(String message) {
        log(LogLevel.WARN, message, Map.of(), null);
    }

    default void warn(String message, Throwable error) {
        log(LogLevel.WARN, message, Map.of(), error);
    }

    default void warn(String message, Map<String, ?> fields) {
        log(LogLevel.WARN, message, fields, null);
    }

    default void info(String message) {
        log(LogLevel.INFO, message, Map.of(), null);
    }

    default void info(String message, Map<String, ?> fields) {
        log(LogLevel.INFO, message, fields, null);
    }

    default void debug(String message) {
        log(LogLevel.DEBUG, message, Map.of(), null);
    }

    default void debug(String message, Map<String, ?> fields) {
        log(LogLevel.DEBUG, message, fields, null);
    }
}
