package dev.backline.runtime.logging;

import dev.backline.plugin.api.services.LogLevel;

/**
 * What the root logger asks of the log output itself when {@code backend.logger.format} or
 * {@code backend.logger.level} is set: every line of the process (Jetty's, Flyway's, the OSGi Log
 * Service's) follows, not only the backend's. With logback and Backline's logging fragment this is
 * {@code dev.backline.logging.LogOutput}; with another SLF4J provider there is nothing to control.
 */
public interface LogOutputControl {

    /** Switches every line to JSON ({@code true}) or text. */
    void useJson(boolean json);

    /** Lets lines of {@code level} and more severe through the provider's logger {@code name}. */
    void setLevel(String name, LogLevel level);

    /** The control of the SLF4J provider in use: logback's when Backline's logging fragment is there. */
    static LogOutputControl detect() {
        try {
            return LogbackOutputControl.ifBound();
        } catch (LinkageError absent) {
            return UnsupportedOutputControl.INSTANCE;
        }
    }
}
