package dev.backline.runtime.logging;

import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.CallerBoundaryAware;
import org.slf4j.spi.LoggingEventBuilder;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

/** Writes lines, with its accumulated fields, to one SLF4J logger; the root and every child are one of these. */
final class Slf4jLogger implements LoggerService {

    private final Slf4jRootLogger root;
    private final Logger target;
    private final Map<String, Object> fields;

    Slf4jLogger(Slf4jRootLogger root, Logger target, Map<String, Object> fields) {
        this.root = root;
        this.target = target;
        this.fields = fields;
    }

    @Override
    public void log(LogLevel level, String message, Map<String, ?> callFields, Throwable error) {
        if (!isEnabled(level)) {
            return;
        }
        Redactor redactor = root.redactor();
        LoggingEventBuilder event = target.atLevel(toSlf4j(level));
        if (event instanceof CallerBoundaryAware aware) {
            // So providers that print the caller skip this class, not SLF4J's builder.
            aware.setCallerBoundary(Slf4jLogger.class.getName());
        }
        for (Map.Entry<String, Object> field : LogFields.merge(fields, callFields).entrySet()) {
            event = event.addKeyValue(field.getKey(), redactor.redactValue(field.getValue()));
        }
        if (error != null) {
            event = event.setCause(redactor.redact(error));
        }
        event.log(redactor.redact(message));
    }

    @Override
    public boolean isEnabled(LogLevel level) {
        Objects.requireNonNull(level, "level");
        return root.thresholdAllows(level) && target.isEnabledForLevel(toSlf4j(level));
    }

    @Override
    public LoggerService child(Map<String, ?> childFields) {
        Map<String, Object> merged = LogFields.merge(fields, childFields);
        return new Slf4jLogger(root, root.slf4jLoggerFor(merged), merged);
    }

    private static Level toSlf4j(LogLevel level) {
        return switch (level) {
            case ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
        };
    }
}
