package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.junit.After;
import org.junit.Test;

import dev.backline.itest.Await;
import dev.backline.itest.Http;

/**
 * What the plugin and module archetypes generate (their integration tests build it under archetypes/&lt;kind&gt;/target),
 * dropped into the launched jar's deploy/ while it runs: the plugin is installed, migrates its database and serves, and
 * a .cfg changes its configuration, checked by its schema; the module extends the running catalog.
 */
public class GeneratedPluginIT {

    private LaunchedBackend backend;

    @After
    public void kill() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    public void theGeneratedPluginHotInstallsAndServes() throws IOException {
        Path project = Path.of(System.getProperty("backline.itest.generated.plugin"));
        Path api = jar(project.resolve("todo-api/target"), "todo-api");
        Path plugin = jar(project.resolve("todo-plugin/target"), "todo-plugin");
        backend = LaunchedBackend.in("generated-plugin", "").start().awaitReady();
        assertEquals(404, backend.get("/api/todo/items").status());

        Files.copy(api, backend.deploy().resolve(api.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(plugin, backend.deploy().resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        Http.Response listed = Await.until("the generated plugin to serve /api/todo/items",
                () -> Http.send(backend.port(), "GET", "/api/todo/items", Map.of("Authorization", "Bearer " + Http.TOKEN), null),
                r -> r.status() == 200, LaunchedBackend.DEADLINE);
        assertEquals(listed.toString(), "[]", listed.body());
        assertEquals(401, backend.get("/api/todo/items").status());
        Http.Response created = backend.post("/api/todo/items", "{\"title\":\"Hot installed\"}");
        assertEquals(created.toString(), 201, created.status());
        assertEquals("Hot installed", created.json().path("title").asText());

        // The operator's .cfg (keys relative to the plugin's configuration) restarts only this plugin with it.
        Files.writeString(backend.deploy().resolve("backline.plugin.todo.cfg"), "maxTitleLength=3\n", StandardCharsets.UTF_8);
        Http.Response refused = Await.until("maxTitleLength=3 from deploy/backline.plugin.todo.cfg to apply",
                () -> backend.post("/api/todo/items", "{\"title\":\"Too long\"}"), r -> r.status() == 400, LaunchedBackend.DEADLINE);
        assertTrue(refused.toString(), refused.json().path("error").path("message").asText().contains("at most 3 characters"));
        assertEquals(200, backend.get("/api/example/hello").status());
    }

    @Test
    public void theGeneratedModuleExtendsTheRunningCatalog() throws IOException {
        Path module = jar(Path.of(System.getProperty("backline.itest.generated.module")).resolve("target"), "catalog-module-audit");
        backend = LaunchedBackend.in("generated-module", "").start().awaitReady();

        Files.copy(module, backend.deploy().resolve(module.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        Http.Response status = Await.until("the generated module to serve under the catalog",
                () -> Http.send(backend.port(), "GET", "/api/catalog/modules/audit/status",
                        Map.of("Authorization", "Bearer " + Http.TOKEN), null),
                r -> r.status() == 200, LaunchedBackend.DEADLINE);
        assertEquals(status.toString(), "catalog", status.json().path("pluginId").asText());
        assertEquals("the catalog's own routes serve after its restart", 200, backend.get("/api/catalog/entities").status());
    }

    private static Path jar(Path target, String artifactId) throws IOException {
        if (!Files.isDirectory(target)) {
            throw new IllegalStateException(target + " does not exist: the plugin archetype's integration test builds the generated "
                    + "project there (mvn install in archetypes/plugin, or the whole build)");
        }
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(artifactId + "-") && f.toString().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No " + artifactId + " jar in " + target));
        }
    }
}
