package dev.backline.runtime.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

/**
 * A root logger for tests that records lines instead of writing them. It behaves like
 * {@link Slf4jRootLogger} in everything a test can observe — level threshold, child field merging,
 * redaction — so assertions on it hold for the real logger. Lines from all children land in this one
 * list, in the order they were logged; logging and reading are safe from any thread (plugins start in
 * parallel). Captures every level by default.
 */
public final class CapturingLogger implements ConfigurableRootLogger {

    private final List<LogLine> lines = new ArrayList<>(); // guarded by itself
    private final Redactor redactor = new Redactor();
    private volatile LogLevel level;
    private volatile LogFormat format = LogFormat.TEXT;

    /** Captures lines of every level. */
    public CapturingLogger() {
        this(LogLevel.DEBUG);
    }

    public CapturingLogger(LogLevel level) {
        this.level = Objects.requireNonNull(level, "level");
    }

    @Override
    public void log(LogLevel level, String message, Map<String, ?> fields, Throwable error) {
        record(Map.of(), level, message, fields, error);
    }

    @Override
    public boolean isEnabled(LogLevel level) {
        // LogLevel is declared most severe first.
        return Objects.requireNonNull(level, "level").compareTo(this.level) <= 0;
    }

    @Override
    public LoggerService child(Map<String, ?> fields) {
        return new Child(LogFields.merge(Map.of(), fields));
    }

    @Override
    public LogLevel level() {
        return level;
    }

    @Override
    public void setLevel(LogLevel level) {
        this.level = Objects.requireNonNull(level, "level");
    }

    /** Recorded only: captured lines are structured whatever the format. */
    @Override
    public LogFormat format() {
        return format;
    }

    @Override
    public void setFormat(LogFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public void addRedactions(Collection<String> secrets) {
        redactor.add(secrets);
    }

    /** Every line recorded so far, oldest first (a snapshot). */
    public List<LogLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Lines recorded at exactly {@code level}. */
    public List<LogLine> lines(LogLevel level) {
        return lines(line -> line.level() == level);
    }

    /** Lines matching {@code filter}. */
    public List<LogLine> lines(Predicate<? super LogLine> filter) {
        return lines().stream().filter(filter).toList();
    }

    /** Lines carrying field {@code key} with a value equal to {@code value}, e.g. one plugin's lines. */
    public List<LogLine> linesWith(String key, Object value) {
        return lines(line -> line.fields().containsKey(key) && Objects.equals(line.fields().get(key), value));
    }

    /** The messages of all lines, oldest first. */
    public List<String> messages() {
        return lines().stream().map(LogLine::message).toList();
    }

    /** True when some line's message contains {@code text}. */
    public boolean contains(String text) {
        return lines().stream().anyMatch(line -> line.message() != null && line.message().contains(text));
    }

    /** Forgets every line recorded so far. */
    public void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }

    private void record(Map<String, Object> loggerFields, LogLevel level, String message, Map<String, ?> callFields,
            Throwable error) {
        if (!isEnabled(level)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>(LogFields.merge(loggerFields, callFields));
        fields.replaceAll((key, value) -> redactor.redactValue(value));
        LogLine line = new LogLine(level, redactor.redact(message), fields, redactor.redact(error));
        synchronized (lines) {
            lines.add(line);
        }
    }

    /** A child: its own fields, everything else shared with the root. */
    private final class Child implements LoggerService {

        private final Map<String, Object> fields;

        Child(Map<String, Object> fields) {
            this.fields = fields;
        }

        @Override
        public void log(LogLevel level, String message, Map<String, ?> callFields, Throwable error) {
            record(fields, level, message, callFields, error);
        }

        @Override
        public boolean isEnabled(LogLevel level) {
            return CapturingLogger.this.isEnabled(level);
        }

        @Override
        public LoggerService child(Map<String, ?> moreFields) {
            return new Child(LogFields.merge(fields, moreFields));
        }
    }
}
