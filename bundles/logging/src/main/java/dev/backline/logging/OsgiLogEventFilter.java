package dev.backline.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Makes OSGi Log Service records forwarded by org.apache.felix.logback 1.0.6 usable with logback 1.5.
 * Attach it to every appender.
 *
 * <ul>
 * <li>org.apache.felix.logback (built for logback 1.2) creates its events with {@code new LoggingEvent()}
 * and never sets their LoggerContext. Since logback 1.3.8/1.4.8 an appender then fails on each such event
 * ({@code NullPointerException: ... "this.loggerContext" is null} in LoggingEvent.getMDCPropertyMap),
 * reported only as a logback status, so the record silently disappears. This filter supplies the context.
 * <li>Records of the OSGi logger named ROOT (Felix SCR logs its own messages there) are handed to logback's
 * root logger without any level check, so no {@code <logger>} element can quiet them.
 * {@code <osgiRootLevel>} is the minimum level such records need (default: let all through).
 * </ul>
 */
public class OsgiLogEventFilter extends Filter<ILoggingEvent> {

    private Level osgiRootLevel = Level.TRACE;

    /** Minimum level of forwarded OSGi records logged under the OSGi ROOT logger, e.g. WARN. */
    public void setOsgiRootLevel(String level) {
        osgiRootLevel = Level.toLevel(level, Level.TRACE);
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        // Events logged through SLF4J are plain LoggingEvents with their context set; records forwarded
        // from the OSGi Log Service are anonymous LoggingEvent subclasses created by the bridge.
        if (!(event instanceof LoggingEvent) || event.getClass() == LoggingEvent.class) {
            return FilterReply.NEUTRAL;
        }
        if (org.slf4j.Logger.ROOT_LOGGER_NAME.equals(event.getLoggerName())
                && !event.getLevel().isGreaterOrEqual(osgiRootLevel)) {
            return FilterReply.DENY;
        }
        if (getContext() instanceof LoggerContext) {
            ((LoggingEvent) event).setLoggerContext((LoggerContext) getContext());
        }
        return FilterReply.NEUTRAL;
    }
}
