package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.osgi.framework.Constants;
import org.junit.Test;

import dev.backline.itest.Await;
import dev.backline.itest.Http;
import dev.backline.itest.failing.FailingPluginActivator;
import dev.backline.itest.launch.bundles.HookPluginActivator;
import dev.backline.itest.launch.bundles.LibraryPluginActivator;
import dev.backline.itest.launch.bundles.lib.Greeting;

/**
 * Bundles in {@code deploy/} when the jar starts are part of the first start: readiness waits for them and
 * their failures count under the boot-failure policy; files there that are no bundle are named in the log.
 */
public class DeployAtLaunchIT {

    private LaunchedBackend backend;

    @After
    public void kill() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    public void aFailingPluginInDeployAbortsTheFirstStartAndReadinessNeverSaysOk() throws IOException {
        backend = LaunchedBackend.in("deploy-abort", "");
        TestBundles.write(backend.deploy().resolve("failing.jar"), "dev.backline.itest.failing",
                "org.osgi.framework,dev.backline.plugin.api;version=\"[1.0,2)\"", FailingPluginActivator.class);
        TestBundles.write(backend.deploy().resolve("hooks.jar"), "dev.backline.itest.hooks", TestBundles.PLUGIN_IMPORTS,
                HookPluginActivator.class, HookPluginActivator.PingServlet.class);
        Files.writeString(backend.deploy().resolve("broken.jar"), "this is not a jar", StandardCharsets.UTF_8);
        backend.start();

        // Every readiness answer from the launch on: none may be 200.
        List<Http.Response> seen = new ArrayList<>();
        Http.Response last = Await.until("readiness to report the aborted start", () -> {
            Http.Response readiness = backend.get(Http.READINESS);
            seen.add(readiness);
            return readiness;
        }, r -> r.isJson(503) && r.json().path("message").asText().startsWith("Backend startup failed"),
                LaunchedBackend.DEADLINE);

        assertTrue("readiness said ok before the deployed plugins ran: " + seen, seen.stream().noneMatch(r -> r.status() == 200));
        assertEquals(last.toString(), "Backend startup failed; failed: plugin 'failing' (the log and backline:startup say why)",
                last.json().path("message").asText());
        assertEquals("the deployed plugin that works serves", 200, backend.get("/api/hooks/ping").status());
        String notABundle = backend.awaitLog("broken.jar is not an OSGi bundle");
        assertTrue(notABundle, notABundle.contains("(it is not a zip file"));
        assertTrue(backend.err(), backend.err().contains("Plugin 'failing' startup failed; caused by"));
    }

    @Test
    public void aBundleInDeployThatCannotResolveIsNamedWithTheFrameworksReason() {
        backend = LaunchedBackend.in("deploy-unresolvable", "");
        TestBundles.write(backend.deploy().resolve("lonely.jar"), "dev.backline.itest.lonely",
                "org.osgi.framework,com.example.nobody.exports.this", HookPluginActivator.class);
        backend.start().awaitReady();

        String line = backend.awaitLog("lonely.jar (bundle dev.backline.itest.lonely 1.0.0) cannot be resolved");
        assertTrue(line, line.contains("com.example.nobody.exports.this"));
    }

    @Test
    public void pluginsDroppedWithTheirLibraryAreNotReportedUnresolvable() {
        backend = LaunchedBackend.in("deploy-library", "");
        // Eight plugins that need one library: FileInstall installs them in its own order, often before the library.
        for (int i = 0; i < 8; i++) {
            TestBundles.write(backend.deploy().resolve("a-plugin-" + i + ".jar"), "dev.backline.itest.withlib" + i, Map.of(
                    Constants.BUNDLE_ACTIVATOR, LibraryPluginActivator.class.getName(),
                    Constants.IMPORT_PACKAGE, "org.osgi.framework,dev.backline.plugin.api;version=\"[1.0,2)\","
                            + "dev.backline.plugin.api.services;version=\"[1.1,2)\",dev.backline.itest.launch.bundles.lib",
                    "X-Plugin-Id", "withlib" + i), LibraryPluginActivator.class);
        }
        TestBundles.write(backend.deploy().resolve("z-library.jar"), "dev.backline.itest.library",
                Map.of(Constants.EXPORT_PACKAGE, "dev.backline.itest.launch.bundles.lib"), Greeting.class);
        backend.start().awaitReady();

        for (int i = 0; i < 8; i++) {
            backend.awaitLog("greeting for withlib" + i);
        }
        assertFalse(backend.err(), backend.err().contains("cannot be resolved"));
    }

    @Test
    public void aCfgFileWithAValueTheSchemaRejectsIsRefusedAndAValidOneApplied() throws IOException {
        backend = LaunchedBackend.in("deploy-cfg", "").start().awaitReady();

        Files.writeString(backend.deploy().resolve("backline.plugin.example.cfg"), "silent=maybe\n", StandardCharsets.UTF_8);
        backend.awaitLog("Configuration backline.plugin.example refused; plugin 'example' keeps the configuration it runs with");
        String why = backend.awaitLog("key 'example.silent' in 'ConfigAdmin backline.plugin.example', got string, wanted boolean");
        assertTrue(why, why.trim().startsWith("Invalid type in config"));
        Http.Response hello = backend.get("/api/example/hello");
        assertEquals("the example plugin kept serving: " + hello, 200, hello.status());

        Files.writeString(backend.deploy().resolve("backline.plugin.example.cfg"), "value=from a cfg file\n", StandardCharsets.UTF_8);
        Await.until("the valid value to reach the plugin", () -> backend.get("/api/example/hello"),
                r -> r.isJson(200) && r.json().path("value").asText().equals("from a cfg file"));
        backend.awaitLog("Restarting plugin 'example': configuration backline.plugin.example changed");
    }

    @Test
    public void aJarDroppedInLaterThatIsNoBundleIsNamedToo() throws IOException {
        backend = LaunchedBackend.in("deploy-later", "").start().awaitReady();

        Files.writeString(backend.deploy().resolve("notes.jar"), "still not a jar", StandardCharsets.UTF_8);

        String line = backend.awaitLog("notes.jar is not an OSGi bundle");
        assertTrue(line, line.contains(" ERROR "));
        assertFalse(backend.err(), backend.err().contains("Exception"));
    }
}
