package dev.backline.logging;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Console encoder that writes either text (a logback pattern) or JSON ({@link JsonEncoder}), and can be
 * switched between the two at runtime through {@link LogOutput#useJson(boolean)}.
 *
 * <p>Switching the encoder rather than swapping appenders keeps every logger, the OSGi Log Service
 * bridge included, on the same appender: one volatile read per event, no appender restart, no
 * lost or interleaved lines.
 *
 * <pre>{@code
 * <encoder class="dev.backline.logging.SwitchableEncoder">
 *   <format>${BACKLINE_LOG_FORMAT:-text}</format>   <!-- text | json -->
 *   <pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger - %replace(%kvp{NONE} ){'^ $', ''}%msg%n</pattern>
 * </encoder>
 * }</pre>
 */
public class SwitchableEncoder extends EncoderBase<ILoggingEvent> {

    private final PatternLayoutEncoder text = new PatternLayoutEncoder();
    private final JsonEncoder json = new JsonEncoder();
    private volatile boolean useJson;

    /** Pattern of the text format (logback PatternLayout syntax). */
    public void setPattern(String pattern) {
        text.setPattern(pattern);
    }

    /** Initial format: {@code text} (default) or {@code json}. */
    public void setFormat(String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("text") && !f.isEmpty()) {
            addWarn("Unknown log format [" + format + "], using text; expected text or json");
        }
        useJson = f.equals("json");
    }

    public boolean isJson() {
        return useJson;
    }

    public void setJson(boolean json) {
        useJson = json;
    }

    @Override
    public void start() {
        // Both formats write UTF-8: Java 17's default charset follows the locale (ASCII in many containers).
        text.setCharset(StandardCharsets.UTF_8);
        text.setContext(getContext());
        json.setContext(getContext());
        text.start();
        json.start();
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        text.stop();
        json.stop();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return useJson ? json.encode(event) : text.encode(event);
    }
}
