package dev.backline.runtime.logging;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger that keeps the events the fluent API hands it, key-value pairs and cause intact.
 * Being {@link LoggingEventAware} is what makes SLF4J pass whole events instead of flattening them.
 */
final class RecordingSlf4jLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private final List<LoggingEvent> events = new ArrayList<>();
    private volatile Level threshold = Level.TRACE;

    RecordingSlf4jLogger(String name) {
        this.name = name;
    }

    /** Makes this logger enabled only for {@code threshold} and more severe levels. */
    void setThreshold(Level threshold) {
        this.threshold = threshold;
    }

    List<LoggingEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    LoggingEvent onlyEvent() {
        List<LoggingEvent> all = events();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one event on " + name + ", got " + all.size());
        }
        return all.get(0);
    }

    @Override
    public void log(LoggingEvent event) {
        synchronized (events) {
            events.add(event);
        }
    }

    private boolean enabled(Level level) {
        // org.slf4j.event.Level ints grow with severity (TRACE 0 .. ERROR 40).
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        // The logger under test must use the fluent API only, or key-value pairs would be lost.
        throw new AssertionError("classic SLF4J call: " + messagePattern);
    }
}
