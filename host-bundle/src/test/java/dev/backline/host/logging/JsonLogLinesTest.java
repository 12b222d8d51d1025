package dev.backline.host.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

class JsonLogLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordIsOneLineOfJsonWithFieldsAtTheTopLevel() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("plugin", "catalog");
        fields.put("count", 3);
        fields.put("ratio", 0.5);
        fields.put("ok", true);
        fields.put("nothing", null);
        fields.put("list", List.of("a", "b"));
        fields.put("message", "clashes with a reserved key");
        String line = JsonLogLines.format(Instant.parse("2025-01-02T03:04:05.678Z"), LogLevel.WARN,
                "backline.plugin.catalog", "two\nlines", fields, null);

        assertFalse(line.contains("\n"), line);
        assertEquals("{\"time\":\"2025-01-02T03:04:05.678Z\",\"level\":\"warn\",\"logger\":\"backline.plugin.catalog\","
                + "\"message\":\"two\\nlines\",\"plugin\":\"catalog\",\"count\":3,\"ratio\":0.5,\"ok\":true,\"nothing\":null,"
                + "\"list\":\"[a, b]\",\"field.message\":\"clashes with a reserved key\"}", line);
    }

    @Test
    void anErrorCarriesItsNameMessageAndStackAsAString() throws Exception {
        IllegalStateException error = new IllegalStateException("boom", new RuntimeException("root cause"));
        JsonNode line = JSON.readTree(JsonLogLines.format(Instant.now(), LogLevel.ERROR, "backline", "failed", Map.of(), error));
        assertEquals("java.lang.IllegalStateException", line.path("error").path("name").asText());
        assertEquals("boom", line.path("error").path("message").asText());
        String stack = line.path("error").path("stack").asText();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: boom\n\tat "), stack);
        assertTrue(stack.contains("Caused by: java.lang.RuntimeException: root cause"), stack);
    }

    @Test
    void theRootLoggerWritesRedactedJsonLinesWithThePluginFieldWhenTheFormatIsJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, RecordingSlf4jLogger> slf4j = new ConcurrentHashMap<>();
        Slf4jRootLogger root = new Slf4jRootLogger(name -> slf4j.computeIfAbsent(name, RecordingSlf4jLogger::new),
                "backline", LogLevel.INFO, () -> stream);
        root.setFormat(LogFormat.JSON);
        root.addRedactions(List.of("hunter2-token"));
        LoggerService plugin = root.child(Map.of("plugin", "example"));

        plugin.info("token is hunter2-token", Map.of("module", "add-example", "auth", "Bearer hunter2-token"));
        plugin.debug("below the threshold");
        plugin.error("failed", new IllegalStateException("bad token hunter2-token"));

        String written = out.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("hunter2-token"), written);
        String[] lines = written.split("\n");
        assertEquals(2, lines.length, written);
        JsonNode first = JSON.readTree(lines[0]);
        assertEquals("info", first.path("level").asText());
        assertEquals("backline.plugin.example", first.path("logger").asText());
        assertEquals("token is ***", first.path("message").asText());
        assertEquals("example", first.path("plugin").asText());
        assertEquals("add-example", first.path("module").asText());
        assertEquals("Bearer ***", first.path("auth").asText());
        JsonNode second = JSON.readTree(lines[1]);
        assertEquals("java.lang.IllegalStateException", second.path("error").path("name").asText());
        assertEquals("bad token ***", second.path("error").path("message").asText().replace("java.lang.IllegalStateException: ", ""));
        // Nothing went through SLF4J in JSON mode.
        assertTrue(slf4j.values().stream().allMatch(l -> l.events().isEmpty()));
    }

    @Test
    void theFormatIsParsedFromItsConfigWordAndABadWordIsNamed() {
        assertEquals(LogFormat.JSON, LogFormat.parse("json"));
        assertEquals(LogFormat.TEXT, LogFormat.parse(" Text "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LogFormat.parse("xml"));
        assertEquals("Invalid value 'xml' for backend.logger.format; use one of text, json", e.getMessage());
    }
}
