package dev.backline.runtime.logging;

import org.slf4j.LoggerFactory;

import dev.backline.logging.LogOutput;
import dev.backline.plugin.api.services.LogLevel;

/**
 * {@link LogOutputControl} over {@code dev.backline.logging.LogOutput}. Loading this class fails with a
 * {@link LinkageError} where that package is absent (an optional import in OSGi); {@link LogOutputControl#detect}
 * catches it.
 */
final class LogbackOutputControl implements LogOutputControl {

    private LogbackOutputControl() {
    }

    /** This control if SLF4J is bound to logback, else the unsupported one. */
    static LogOutputControl ifBound() {
        String factory = LoggerFactory.getILoggerFactory().getClass().getName();
        if (!factory.equals("ch.qos.logback.classic.LoggerContext")) {
            return UnsupportedOutputControl.INSTANCE;
        }
        // Touch the fragment's class now, so an absent fragment shows here, not at the first use.
        LogOutput.class.getName();
        return new LogbackOutputControl();
    }

    @Override
    public void useJson(boolean json) {
        LogOutput.useJson(json);
    }

    @Override
    public void setLevel(String name, LogLevel level) {
        LogOutput.setLevel(name, level.name());
    }
}
