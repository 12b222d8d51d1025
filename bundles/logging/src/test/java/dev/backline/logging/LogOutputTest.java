package dev.backline.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The default logback.xml of this module (on the test class path as in the fragment), its text pattern,
 * the JSON lines, and switching between them at runtime.
 */
class LogOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogOutput.useJson(false);
        LogOutput.setLevel("backline.test", "INHERIT");
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textLinesCarryKeyValuePairsBeforeTheMessage() {
        Logger logger = LoggerFactory.getLogger("backline.plugin.catalog");
        logger.atInfo().addKeyValue("plugin", "catalog").addKeyValue("module", "x").log("Processors ready");
        LoggerFactory.getLogger("backline").info("No fields");

        List<String> lines = lines();
        assertTrue(lines.get(0).endsWith(" INFO  backline.plugin.catalog - plugin=catalog module=x Processors ready"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" INFO  backline - No fields"), lines.get(1));
    }

    @Test
    void jsonLinesHaveTheFieldsAtTheTopLevelAndTheErrorAsAnObject() throws Exception {
        assertEquals(1, LogOutput.useJson(true), "the console appender of logback.xml switched");
        assertTrue(LogOutput.isJson());

        LoggerFactory.getLogger("backline.plugin.catalog").atError()
                .addKeyValue("plugin", "catalog").addKeyValue("count", 3).addKeyValue("message", "collides")
                .setCause(new IllegalStateException("boom \"quoted\"\nsecond line"))
                .log("Refresh failed");

        JsonNode line = JSON.readTree(lines().get(0));
        assertEquals("error", line.path("level").asText());
        assertEquals("backline.plugin.catalog", line.path("logger").asText());
        assertEquals("Refresh failed", line.path("message").asText());
        assertEquals("catalog", line.path("plugin").asText());
        assertEquals(3, line.path("count").asInt());
        assertEquals("collides", line.path("kv.message").asText(), "a pair never overwrites a fixed member");
        assertEquals("java.lang.IllegalStateException", line.path("error").path("name").asText());
        assertEquals("boom \"quoted\"\nsecond line", line.path("error").path("message").asText());
        assertTrue(line.path("error").path("stack").asText().contains("at dev.backline.logging.LogOutputTest"));
        assertTrue(line.path("time").asText().endsWith("Z"));
        assertEquals(1, lines().size(), "one line per event, newlines escaped");
    }

    @Test
    void mapsAndListsAreJsonObjectsAndArrays() throws Exception {
        LogOutput.useJson(true);

        LoggerFactory.getLogger("backline.plugin.catalog").atInfo().addKeyValue("isAuditEvent", true)
                .addKeyValue("actor", java.util.Map.of("actorId", "user:default/jane"))
                .addKeyValue("meta", java.util.Map.of("problems", java.util.List.of("a", "b"), "count", 2))
                .log("Audit event entity-store failed");

        JsonNode line = JSON.readTree(lines().get(0));
        assertTrue(line.path("isAuditEvent").asBoolean());
        assertEquals("user:default/jane", line.path("actor").path("actorId").asText());
        assertEquals("b", line.path("meta").path("problems").path(1).asText());
        assertEquals(2, line.path("meta").path("count").asInt());
    }

    @Test
    void levelsChangeAtRuntime() {
        Logger logger = LoggerFactory.getLogger("backline.test");
        logger.debug("hidden");
        LogOutput.setLevel("backline.test", "debug");
        logger.debug("shown");

        assertEquals("DEBUG", LogOutput.getLevel("backline.test"));
        assertEquals(1, lines().size(), lines().toString());
        assertTrue(lines().get(0).endsWith("shown"));
        assertFalse(lines().get(0).contains("hidden"));
    }

    @Test
    void anUnknownLevelIsNamed() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LogOutput.setLevel("backline.test", "loud"));
        assertEquals("Unknown log level: loud", error.getMessage());
    }
}
