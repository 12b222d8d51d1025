package dev.backline.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * Runtime control of Backline's log output, for any bundle that imports {@code dev.backline.logging}
 * (exported by the logback-classic fragment, so the package is wired to ch.qos.logback.classic).
 *
 * <p>Changes apply to the running logback context only: a reconfiguration (logback.xml scan, reset)
 * restores what the configuration says.
 */
public final class LogOutput {

    /**
     * java.util.logging keeps its loggers only weakly: a level set on a JUL logger nobody else holds is
     * lost at the next GC. Keep the ones we configured.
     */
    private static final Map<String, java.util.logging.Logger> JUL_LOGGERS = new ConcurrentHashMap<>();

    private LogOutput() {
    }

    /**
     * Switches every {@link SwitchableEncoder} of the context (the console appender) to JSON or text.
     *
     * @return the number of appenders switched; 0 means the configuration has no SwitchableEncoder
     */
    public static int useJson(boolean json) {
        List<SwitchableEncoder> encoders = switchableEncoders(context());
        for (SwitchableEncoder encoder : encoders) {
            encoder.setJson(json);
        }
        return encoders.size();
    }

    /** True if at least one switchable appender currently writes JSON. */
    public static boolean isJson() {
        for (SwitchableEncoder encoder : switchableEncoders(context())) {
            if (encoder.isJson()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets a logger's level. {@code loggerName} null, empty or "ROOT" means the root logger;
     * {@code level} is one of TRACE, DEBUG, INFO, WARN (or WARNING), ERROR, OFF, ALL, any case, or
     * null / "INHERIT" to drop the logger's own level so it inherits its parent's (not for root).
     *
     * <p>org.apache.felix.logback passes the change on to the OSGi LoggerAdmin. The same level
     * is also set on the java.util.logging logger of that name, so libraries that log through JUL
     * (pgjdbc, SPI Fly, SnakeYAML; bridged to SLF4J by org.apache.felix.logback) produce DEBUG/TRACE
     * records at all. logback.xml cannot do this at start-up: its LevelChangePropagator sets JUL to
     * FINE while SLF4J is still initialising, which makes SPI Fly's weaving hook log re-entrantly and
     * breaks SLF4J (see logback.xml).
     *
     * @throws IllegalArgumentException for an unknown level, or inherit on the root logger
     */
    public static void setLevel(String loggerName, String level) {
        LoggerContext context = context();
        boolean root = loggerName == null || loggerName.isBlank()
                || Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(loggerName.trim());
        Logger logger = context.getLogger(root ? Logger.ROOT_LOGGER_NAME : loggerName.trim());
        Level parsed = parseLevel(level);
        if (parsed == null && root) {
            throw new IllegalArgumentException("The root logger needs a level");
        }
        logger.setLevel(parsed);
        setJulLevel(root ? "" : loggerName.trim(), parsed);
    }

    /** The logger's own level, or null if it inherits; for diagnostics and shell commands. */
    public static String getLevel(String loggerName) {
        LoggerContext context = context();
        boolean root = loggerName == null || loggerName.isBlank()
                || Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(loggerName.trim());
        Level level = context.getLogger(root ? Logger.ROOT_LOGGER_NAME : loggerName.trim()).getLevel();
        return level == null ? null : level.toString();
    }

    private static Level parseLevel(String level) {
        String l = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        switch (l) {
            case "":
            case "NULL":
            case "INHERIT":
            case "INHERITED":
                return null;
            case "WARNING":
                return Level.WARN;
            default:
                // toLevel returns the given default for unknown names; null marks "unknown" here.
                Level parsed = Level.toLevel(l, null);
                if (parsed == null) {
                    throw new IllegalArgumentException("Unknown log level: " + level);
                }
                return parsed;
        }
    }

    private static void setJulLevel(String name, Level level) {
        java.util.logging.Logger jul = JUL_LOGGERS.computeIfAbsent(name, java.util.logging.Logger::getLogger);
        jul.setLevel(toJul(level));
        if (level == null && !name.isEmpty()) {
            JUL_LOGGERS.remove(name);
        }
    }

    private static java.util.logging.Level toJul(Level level) {
        if (level == null) {
            return null;
        }
        switch (level.toInt()) {
            case Level.ALL_INT:
                return java.util.logging.Level.ALL;
            case Level.TRACE_INT:
                return java.util.logging.Level.FINEST;
            case Level.DEBUG_INT:
                return java.util.logging.Level.FINE;
            case Level.INFO_INT:
                return java.util.logging.Level.INFO;
            case Level.WARN_INT:
                return java.util.logging.Level.WARNING;
            case Level.ERROR_INT:
                return java.util.logging.Level.SEVERE;
            default:
                return java.util.logging.Level.OFF;
        }
    }

    private static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            return (LoggerContext) factory;
        }
        throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName() + ", not logback");
    }

    private static List<SwitchableEncoder> switchableEncoders(LoggerContext context) {
        // An appender may be attached to several loggers: collect each encoder once.
        Set<SwitchableEncoder> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof OutputStreamAppender
                        && ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder() instanceof SwitchableEncoder) {
                    found.add((SwitchableEncoder) ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder());
                }
            }
        }
        return new ArrayList<>(found);
    }
}
