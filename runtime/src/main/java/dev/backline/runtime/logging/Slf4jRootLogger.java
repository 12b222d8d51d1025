package dev.backline.runtime.logging;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The backend's root logger, writing through SLF4J 2 so that structured fields reach the provider as
 * key-value pairs (logback's {@code %kvp}, JSON encoders) rather than being baked into the message.
 *
 * <p>Holds what all its children share: the level threshold and the redactions, both changeable at any
 * time. A line is written when it passes this threshold <em>and</em> the SLF4J logger is enabled for it,
 * so the provider's own configuration can only narrow what {@code backend.logger.level} lets through.
 *
 * <p>SLF4J logger names: the root writes to {@code <name>} (e.g. "backline"); a child whose fields hold
 * a {@code plugin} field writes to {@code <name>.plugin.<pluginId>} (e.g. "backline.plugin.catalog"), so
 * operators can tune or route one plugin's output in the provider's configuration. Modules write to their
 * plugin's SLF4J logger; the {@code module} field tells them apart.
 *
 * <p>The format ({@link LogFormat}) and level reach the log output itself through a {@link LogOutputControl}:
 * with logback and Backline's logging fragment every line of the process turns JSON, Jetty's and Flyway's
 * included, and {@code debug} lines of the backend get through.
 */
public final class Slf4jRootLogger implements ConfigurableRootLogger {

    public static final String DEFAULT_NAME = "backline";

    /** Used when {@code backend.logger.level} is not set. */
    public static final LogLevel DEFAULT_LEVEL = LogLevel.INFO;

    /** The field whose value picks a plugin's SLF4J logger. */
    public static final String PLUGIN_FIELD = "plugin";

    private final ILoggerFactory loggerFactory;
    private final String name;
    private final Redactor redactor = new Redactor();
    private final Slf4jLogger self;
    private final LogOutputControl output;
    private volatile LogLevel level;
    private volatile LogFormat format = LogFormat.TEXT;

    /** Writes to the SLF4J logger "backline" at the default level. */
    public Slf4jRootLogger() {
        this(DEFAULT_NAME, DEFAULT_LEVEL);
    }

    /** Writes to the SLF4J logger {@code name}, from the SLF4J provider bound at runtime. */
    public Slf4jRootLogger(String name, LogLevel level) {
        this(LoggerFactory.getILoggerFactory(), name, level);
    }

    /** Takes its SLF4J loggers from {@code loggerFactory}; tests pass their own. */
    public Slf4jRootLogger(ILoggerFactory loggerFactory, String name, LogLevel level) {
        this(loggerFactory, name, level, LogOutputControl.detect());
    }

    /** With the control of the log output that format and level changes go to; tests pass their own. */
    public Slf4jRootLogger(ILoggerFactory loggerFactory, String name, LogLevel level, LogOutputControl output) {
        this.output = Objects.requireNonNull(output, "output");
        this.loggerFactory = Objects.requireNonNull(loggerFactory, "loggerFactory");
        this.name = Objects.requireNonNull(name, "name");
        this.level = Objects.requireNonNull(level, "level");
        this.self = new Slf4jLogger(this, loggerFactory.getLogger(name), Map.of());
    }

    @Override
    public void log(LogLevel level, String message, Map<String, ?> fields, Throwable error) {
        self.log(level, message, fields, error);
    }

    @Override
    public boolean isEnabled(LogLevel level) {
        return self.isEnabled(level);
    }

    @Override
    public LoggerService child(Map<String, ?> fields) {
        return self.child(fields);
    }

    @Override
    public LogLevel level() {
        return level;
    }

    @Override
    public void setLevel(LogLevel level) {
        this.level = Objects.requireNonNull(level, "level");
        output.setLevel(name, level);
    }

    @Override
    public LogFormat format() {
        return format;
    }

    @Override
    public void setFormat(LogFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        output.useJson(format == LogFormat.JSON);
    }

    @Override
    public void addRedactions(Collection<String> secrets) {
        redactor.add(secrets);
    }

    /** The SLF4J logger name this root writes to. */
    public String name() {
        return name;
    }

    boolean thresholdAllows(LogLevel lineLevel) {
        // LogLevel is declared most severe first.
        return lineLevel.compareTo(level) <= 0;
    }

    Redactor redactor() {
        return redactor;
    }

    /** The SLF4J logger for a logger carrying {@code fields}: per plugin when they name one. */
    Logger slf4jLoggerFor(Map<String, Object> fields) {
        Object plugin = fields.get(PLUGIN_FIELD);
        if (plugin == null || plugin.toString().isBlank()) {
            return loggerFactory.getLogger(name);
        }
        return loggerFactory.getLogger(name + ".plugin." + plugin);
    }
}
