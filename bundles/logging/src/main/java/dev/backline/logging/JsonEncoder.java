package dev.backline.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.event.KeyValuePair;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Writes each event as one JSON object on its own line:
 * {@code {"time":"2026-01-02T03:04:05.678Z","level":"info","logger":"x","message":"m","plugin":"catalog",...}}.
 *
 * <p>Every SLF4J 2 key-value pair of the event becomes a top-level member, as Backstage's winston
 * JSON lines do. A pair whose key collides with one of the fixed members (time, level, logger,
 * message, error) is written as {@code "kv.<key>"} so it neither overwrites nor duplicates them; a key
 * given twice keeps its first value (JSON objects must not repeat names). A throwable becomes
 * {@code "error":{"name","message","stack"}}, the stack including causes and suppressed exceptions.
 */
public class JsonEncoder extends EncoderBase<ILoggingEvent> {

    /** Thread-safe once built; one generator per event is cheap. */
    private static final JsonFactory JSON = new JsonFactory();

    /** UTC with fixed millisecond precision: sortable and the same width on every line. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private static final Set<String> FIXED_MEMBERS = Set.of("time", "level", "logger", "message", "error");

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
        try {
            return line(event, true);
        } catch (IOException | RuntimeException e) {
            // Never lose the event because of one odd value: report it through logback's status and write
            // the line without its key-value pairs and error.
            addError("Could not encode log event as JSON", e);
            try {
                return line(event, false);
            } catch (IOException | RuntimeException again) {
                addError("Could not encode log event as JSON", again);
                return new byte[0];
            }
        }
    }

    private static byte[] line(ILoggingEvent event, boolean complete) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(event.getInstant()));
            json.writeStringField("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("message", event.getFormattedMessage());
            if (complete) {
                writeKeyValuePairs(json, event.getKeyValuePairs());
                writeError(json, event.getThrowableProxy());
            }
            json.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeKeyValuePairs(JsonGenerator json, List<KeyValuePair> pairs) throws IOException {
        if (pairs == null || pairs.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        for (KeyValuePair pair : pairs) {
            if (pair == null || pair.key == null) {
                continue;
            }
            String name = FIXED_MEMBERS.contains(pair.key) ? "kv." + pair.key : pair.key;
            if (!written.add(name)) {
                continue;
            }
            json.writeFieldName(name);
            writeValue(json, pair.value);
        }
    }

    /**
     * Numbers and booleans keep their JSON type, maps become objects and collections and arrays become arrays (an
     * audit event's actor and metadata); everything else is written as its toString().
     */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof java.util.Map<?, ?> map) {
            json.writeStartObject();
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Object[] items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof java.math.BigDecimal) {
            json.writeNumber((java.math.BigDecimal) value);
        } else if (value instanceof java.math.BigInteger) {
            json.writeNumber((java.math.BigInteger) value);
        } else {
            json.writeString(safeToString(value));
        }
    }

    private static void writeError(JsonGenerator json, IThrowableProxy error) throws IOException {
        if (error == null) {
            return;
        }
        json.writeObjectFieldStart("error");
        json.writeStringField("name", error.getClassName());
        json.writeStringField("message", error.getMessage());
        json.writeStringField("stack", ThrowableProxyUtil.asString(error));
        json.writeEndObject();
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<toString() failed: " + e.getClass().getName() + ">";
        }
    }
}
