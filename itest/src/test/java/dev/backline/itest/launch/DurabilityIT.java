package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.backline.itest.Await;
import dev.backline.itest.Http;
import dev.backline.itest.launch.bundles.ExampleConfigWriterActivator;

/** What survives the process: writes acknowledged on H2 on disk, even a kill -9, and ConfigAdmin changes. */
public class DurabilityIT {

    private LaunchedBackend backend;

    @After
    public void kill() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    public void nothingAcknowledgedOnH2OnDiskIsLostToAKill9() throws Exception {
        backend = LaunchedBackend.in("h2-kill", "  database:\n    client: h2\n    connection:\n      directory: ./data/db\n");
        backend.start().awaitReady();

        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                String name = "entity-" + i;
                try {
                    Http.Response created = backend.post("/api/catalog/entities", "{\"kind\":\"Component\",\"metadata\":{\"name\":\""
                            + name + "\"},\"spec\":{\"owner\":\"team-a\"}}");
                    if (created.status() == 201) {
                        acknowledged.add(name);
                    }
                } catch (RuntimeException connectionLost) {
                    return;
                }
            }
        });
        writer.start();
        Await.until("a few hundred acknowledged writes", acknowledged::size, n -> n >= 300);

        backend.signal("KILL");
        backend.awaitExit();
        writing.set(false);
        writer.join();

        backend.start().awaitReady();
        Set<String> stored = new HashSet<>();
        for (int offset = 0; ; offset += 1000) { // the list comes a page at a time
            JsonNode page = backend.get("/api/catalog/entities?limit=1000&offset=" + offset).json().path("items");
            page.forEach(entity -> stored.add(entity.path("metadata").path("name").asText()));
            if (page.size() < 1000) {
                break;
            }
        }
        assertTrue("the catalog lists what it stored: " + stored.size(), stored.size() >= acknowledged.size());
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertTrue(acknowledged.size() + " acknowledged, lost: " + lost, lost.isEmpty());
    }

    @Test
    public void configAdminChangesSurviveARestart() {
        backend = LaunchedBackend.in("configadmin-persists", "");
        TestBundles.write(backend.deploy().resolve("writer.jar"), "dev.backline.itest.configwriter",
                "org.osgi.framework,org.osgi.service.cm;version=\"[1.6,2)\"", ExampleConfigWriterActivator.class);
        backend.systemProperty("itest.example.value", "set through ConfigAdmin").start().awaitReady();
        Await.until("the example plugin to see the ConfigAdmin value", () -> backend.get("/api/example/hello"),
                r -> r.isJson(200) && r.json().path("value").asText().equals("set through ConfigAdmin"));
        backend.signal("TERM");
        assertEquals(0, backend.awaitExit());

        // The next launch writes nothing (no property): the value must come from ConfigAdmin's own storage.
        backend.systemProperty("itest.example.value", null).start().awaitReady();

        Http.Response hello = backend.get("/api/example/hello");
        assertEquals(hello.toString(), "set through ConfigAdmin", hello.json().path("value").asText());
    }
}
