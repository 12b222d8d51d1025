package dev.backline.runtime.logging;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.LoggerFactory;

import dev.backline.plugin.api.services.LogLevel;

/** Where the SLF4J provider is not logback with Backline's fragment: JSON cannot be had; levels stay the provider's. */
enum UnsupportedOutputControl implements LogOutputControl {
    INSTANCE;

    private final AtomicBoolean warned = new AtomicBoolean();

    @Override
    public void useJson(boolean json) {
        if (json && warned.compareAndSet(false, true)) {
            LoggerFactory.getLogger(Slf4jRootLogger.DEFAULT_NAME).warn("backend.logger.format: json needs logback with"
                    + " Backline's logging fragment (dev.backline.logging); lines keep the format of "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        }
    }

    @Override
    public void setLevel(String name, LogLevel level) {
        // The provider's own configuration decides; the root logger's threshold still applies.
    }
}
