package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code backend.logger.format: json} turns every line of the process into one JSON object: the backend's,
 * the plugins', and those of Jetty, Flyway and the OSGi Log Service (FileInstall, SCR).
 */
public class JsonLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LaunchedBackend backend;

    @After
    public void kill() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    public void everyLineAfterTheConfigurationIsReadIsJson() throws Exception {
        backend = LaunchedBackend.in("json-logs", "  logger:\n    format: json\n").start().awaitReady();
        // A write the catalog audits, and one it refuses.
        assertEquals(201, backend.post("/api/catalog/entities",
                "{\"kind\":\"Component\",\"metadata\":{\"name\":\"audited\"},\"spec\":{\"owner\":\"team-a\"}}").status());
        assertEquals(400, backend.post("/api/catalog/entities", "{\"kind\":\"Component\"}").status());
        backend.signal("TERM");
        assertEquals(0, backend.awaitExit());

        List<String> lines = backend.err().lines().filter(line -> !line.isBlank()).toList();
        // Lines logged before the host has read backend.logger.format (the framework starting) are text.
        int first = indexOf(lines, "Loaded config from app-config.yaml");
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines.subList(first + 1, lines.size())) {
            try {
                parsed.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line + "\nlog:\n" + backend.err(), e);
            }
        }
        JsonNode plugin = parsed.stream().filter(n -> n.path("message").asText().equals("Hello from example plugin"))
                .findFirst().orElseThrow(() -> new AssertionError("no plugin line in " + parsed));
        assertEquals("example", plugin.path("plugin").asText());
        assertEquals("info", plugin.path("level").asText());
        assertEquals("backline.plugin.example", plugin.path("logger").asText());
        assertTrue("Jetty's own line is JSON too: " + parsed, parsed.stream()
                .anyMatch(n -> n.path("logger").asText().equals("org.apache.felix.http")));
        assertTrue(parsed.stream().anyMatch(n -> n.path("message").asText().startsWith("Backend stopped in ")));

        List<JsonNode> audit = parsed.stream().filter(n -> n.path("isAuditEvent").asBoolean()).toList();
        assertEquals("audit lines: " + audit, List.of("initiated", "succeeded", "initiated", "failed"),
                audit.stream().map(n -> n.path("status").asText()).toList());
        JsonNode stored = audit.get(1);
        assertEquals("entity-store", stored.path("eventId").asText());
        assertEquals("medium", stored.path("severityLevel").asText());
        assertEquals("catalog", stored.path("plugin").asText());
        assertEquals("itest", stored.path("actor").path("actorId").asText());
        assertEquals("127.0.0.1", stored.path("actor").path("ip").asText());
        assertEquals("POST", stored.path("request").path("method").asText());
        assertEquals("component:audited", stored.path("meta").path("entityRef").asText());
        JsonNode refused = audit.get(3);
        assertEquals("metadata.name is required", refused.path("meta").path("problems").path(0).asText());
        assertEquals("Invalid entity", refused.path("error").path("message").asText());
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line containing " + fragment + " in " + lines);
    }
}
