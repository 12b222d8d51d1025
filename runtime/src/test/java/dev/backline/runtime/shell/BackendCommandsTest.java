package dev.backline.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.config.SecretRedaction;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.wiring.TypeOrigin;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.services.CoreServices;

class BackendCommandsTest {

    /** What the catalog's modules add to. */
    interface Things {
        void add(String thing);
    }

    private static final ExtensionPoint<Things> THINGS = ExtensionPoint.create("catalog.things", Things.class);

    private static final Map<String, ?> CONFIG = Map.of(
            "backend", Map.of(
                    "startup", Map.of("default", Map.of("onPluginBootFailure", "continue",
                            "onPluginModuleBootFailure", "continue")),
                    "database", Map.of("connection", Map.of("user", "admin", "password", "hunter2"))),
            "catalog", Map.of("rules", List.of("a", "b"), "token", "s3cret"));

    private static final Set<String> SECRETS = Set.of("backend.database.connection.password", "catalog.token");

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;
    private BackendCommands commands;

    @BeforeEach
    void start() {
        BackendPlugin catalog = BackendPlugin.create("catalog", env -> {
            ExtensionPointRegistrations<String> things = env.newRegistrations(THINGS);
            env.registerExtensionPoint(THINGS, things::add);
            env.registerInit(List.of(CoreServices.LOGGER, CoreServices.CONFIG), deps -> { });
        });
        BackendModule extra = BackendModule.create("catalog", "extra",
                env -> env.registerInit(List.of(THINGS), deps -> deps.get(THINGS).add("x")));
        BackendModule brokenModule = BackendModule.create("catalog", "broken-module",
                env -> env.registerInit(List.of(), deps -> {
                    throw new IllegalStateException("module boom");
                }));
        BackendPlugin example = BackendPlugin.create("example", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> deps.get(CoreServices.HTTP_ROUTER).use("/hello", new HttpServlet() {
                })));
        BackendPlugin broken = BackendPlugin.create("broken", env -> env.registerInit(List.of(), deps -> {
            throw new IllegalStateException("boom");
        }));
        backend = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(CONFIG, "test.yaml")))
                .logger(logger)
                .configSecrets(() -> SECRETS)
                .typeOrigin(type -> "bundle host.bundle 2.0.0 [3]")
                .startupProgressIntervals(Duration.ofMillis(100), Duration.ofMillis(400))
                .add(catalog).add(extra).add(brokenModule).add(example).add(broken)
                .build();
        backend.start();
        commands = new BackendCommands(backend, type -> "bundle test.bundle 1.0.0 [7]");
    }

    @AfterEach
    void stop() {
        backend.stop();
    }

    @Test
    void pluginsListsStateModulesBundleTimingRoutesAndFailure() {
        Table plugins = commands.plugins();

        assertEquals(List.of("catalog", "example", "broken"), plugins.column("id"));
        Map<String, String> catalog = plugins.row("catalog");
        assertEquals("started", catalog.get("state"), plugins.toString());
        assertEquals("extra,broken-module", catalog.get("modules"));
        assertEquals("test.bundle 1.0.0 [7]", catalog.get("bundle"));
        assertEquals("/api/catalog", catalog.get("routes"));
        assertTrue(catalog.get("took").matches("\\d+ ms"), catalog.get("took"));
        assertTrue(catalog.get("started").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), catalog.get("started"));
        assertEquals("-", catalog.get("failure"));
        assertEquals("failed", plugins.row("broken").get("state"));
        assertEquals("IllegalStateException: boom", plugins.row("broken").get("failure"));
        assertTrue(plugins.toString().startsWith("ID       STATE"), plugins.toString());
    }

    @Test
    void modulesWaitingForAnAbsentPluginAndChangesNotAppliedAreShown() {
        BackendCommands withHost = new BackendCommands(backend, type -> "bundle test.bundle 1.0.0 [7]",
                PluginControl.direct(backend.initializer()), new HostActivity() {
                    @Override
                    public List<WaitingModule> waitingModules() {
                        return List.of(new WaitingModule("later", "early", "bundle early.module 1.0.0 [42]"));
                    }

                    @Override
                    public List<String> pendingChanges() {
                        return List.of("catalog");
                    }
                });

        Map<String, String> later = withHost.plugins().row("later");
        assertEquals("waiting", later.get("state"));
        assertEquals("early", later.get("modules"));
        assertEquals("plugin 'later' is not installed", later.get("failure"));
        Map<String, String> early = withHost.modules("later").row("later");
        assertEquals("early", early.get("module"));
        assertEquals("waiting", early.get("state"));
        assertEquals("early.module 1.0.0 [42]", early.get("bundle"));
        assertTrue(withHost.health().toString().contains("catalog: restart queued or under way"), withHost.health().toString());
    }

    @Test
    void configShowsWhatEachPluginSeesWithTheSourceOfEachValue() {
        Backend overlaid = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(CONFIG, "test.yaml")))
                .logger(logger)
                .configSecrets(() -> SECRETS)
                .pluginConfigs((root, pluginId) -> {
                    dev.backline.runtime.config.OverlayConfigService view = new dev.backline.runtime.config.OverlayConfigService(
                            root, "ConfigAdmin backline.plugin." + pluginId);
                    view.setOverlay(Map.of(pluginId, Map.of("rules", List.of("z"))));
                    return view;
                })
                .add(BackendPlugin.create("catalog", env -> env.registerInit(List.of(CoreServices.CONFIG), deps -> { })))
                .build();
        overlaid.start();
        try {
            BackendCommands shell = new BackendCommands(overlaid, type -> "bundle test.bundle 1.0.0 [7]");
            Map<String, String> rules = shell.config("catalog").row("catalog.rules");
            assertEquals("[z]", rules.get("value"));
            assertEquals("ConfigAdmin backline.plugin.catalog", rules.get("source"));
            assertEquals("<secret>", shell.config("catalog").row("catalog.token").get("value"));
            assertEquals("[z]", shell.config().row("catalog.rules").get("value"), "the whole configuration shows it too");
            assertEquals("test.yaml", shell.config().row("backend.database.connection.user").get("source"));
        } finally {
            overlaid.stop();
        }
    }

    @Test
    void pluginShowsDependenciesExtensionPointsModulesConfigAndRoutes() {
        Report catalog = commands.plugin("catalog");
        String text = catalog.toString();

        assertEquals("started", catalog.field("state"));
        assertEquals("none in use", catalog.field("database"));
        Table deps = catalog.table("Dependencies").orElseThrow();
        assertTrue(deps.records().contains(Map.of("feature", "extra", "dependency", "catalog.things",
                "kind", "extension point", "provided by", "plugin 'catalog'", "bundle", "test.bundle 1.0.0 [7]")), text);
        assertTrue(deps.records().contains(Map.of("feature", "catalog", "dependency", "core.logger",
                "kind", "plugin service", "provided by", "default", "bundle", "test.bundle 1.0.0 [7]")), text);
        Table points = catalog.table("Extension points").orElseThrow();
        assertEquals("extra", points.row("catalog.things").get("consumers"), text);
        Table modules = catalog.table("Modules").orElseThrow();
        assertEquals("started", modules.records().get(0).get("state"), text);
        assertEquals("failed", modules.records().get(1).get("state"), text);
        assertEquals("IllegalStateException: module boom", modules.records().get(1).get("failure"), text);
        Table config = catalog.table("Config (catalog)").orElseThrow();
        assertEquals(SecretRedaction.MASK, config.row("catalog.token").get("value"), text);
        assertEquals("[a, b]", config.row("catalog.rules").get("value"), text);
        assertEquals("test.yaml", config.row("catalog.rules").get("source"), text);
        assertFalse(text.contains("s3cret"), text);

        Report example = commands.plugin("example");
        assertTrue(example.toString().contains("Mounted routes\n  /api/example/hello\n"), example.toString());
    }

    @Test
    void anUnknownPluginIdNamesTheClosestKnownIds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> commands.plugin("catalg"));
        assertEquals("No plugin 'catalg'; closest: catalog, example, broken", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> commands.restart("exampel"));
        assertThrows(IllegalArgumentException.class, () -> commands.modules("nope"));
    }

    @Test
    void modulesListsEveryModuleOrThoseOfOnePlugin() {
        assertEquals(List.of("extra", "broken-module"), commands.modules().column("module"));
        assertEquals(List.of("extra", "broken-module"), commands.modules("catalog").column("module"));
        assertEquals(List.of(), commands.modules("example").rows());
    }

    @Test
    void servicesNameScopeSourceAndThePluginsTheyWereInstantiatedFor() {
        Table services = commands.services();

        Map<String, String> logger = services.row("core.logger");
        assertEquals("plugin", logger.get("scope"), services.toString());
        assertEquals("default", logger.get("source"));
        assertEquals("catalog,example", logger.get("instantiated for")); // the router needs a logger
        assertEquals("test.bundle 1.0.0 [7]", logger.get("provider"));
        assertEquals("root", services.row("core.rootLogger").get("scope"));
        assertTrue(services.row("core.rootConfig").get("instantiated for").startsWith("root"), services.toString());
        assertEquals("-", services.row("core.discovery").get("instantiated for"), services.toString());
        // Never instantiated: the provider is the bundle that added the factory (here, the defaults).
        assertEquals("host.bundle 2.0.0 [3]", services.row("core.discovery").get("provider"), services.toString());
    }

    @Test
    void extensionPointsNameProviderAndConsumers() {
        Table points = commands.extensionPoints();

        assertEquals(Map.of("extension point", "catalog.things", "plugin", "catalog", "provided by", "plugin 'catalog'",
                "bundle", "test.bundle 1.0.0 [7]", "consumers", "extra"), points.row("catalog.things"));
    }

    @Test
    void routesListMountedPathsWithTheirPluginsState() {
        assertEquals(Map.of("plugin", "example", "route", "/api/example/hello", "state", "started"),
                commands.routes().row("example"));
    }

    @Test
    void healthReportsProbesAndPluginsThatDoNotServe() {
        Report health = commands.health();

        assertEquals("started", health.field("backend"));
        assertTrue(health.field("liveness").startsWith("200"), health.toString());
        assertTrue(health.field("readiness").startsWith("200"), health.toString());
        assertTrue(health.toString().contains("broken: failed (IllegalStateException: boom)"), health.toString());
    }

    @Test
    void startupReportsEachPluginAndModuleWithTimings() {
        Report startup = commands.startup();
        Table plugins = startup.table("Plugins").orElseThrow();

        assertEquals("succeeded", startup.field("result"));
        assertTrue(startup.field("took").matches("\\d+ ms"), startup.toString());
        assertEquals("failed (allowed)", plugins.row("broken").get("result"), startup.toString());
        assertTrue(plugins.records().contains(Map.of("plugin", "catalog", "module", "broken-module",
                "result", "failed (allowed)", "started", "-", "took", "-",
                "failure", "IllegalStateException: module boom")), startup.toString());
    }

    @Test
    void configShowsEffectiveValuesRedactedWithSources() {
        Table database = commands.config("backend.database");

        assertEquals(List.of("backend.database.connection.user", "backend.database.connection.password"),
                database.column("key").stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(SecretRedaction.MASK, database.row("backend.database.connection.password").get("value"));
        assertEquals("admin", database.row("backend.database.connection.user").get("value"));
        assertEquals("test.yaml", database.row("backend.database.connection.user").get("source"));
        assertFalse(commands.config().toString().contains("hunter2"), commands.config().toString());
        assertTrue(commands.config().column("key").contains("catalog.token"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> commands.config("backend.databse"));
        assertTrue(error.getMessage().startsWith("No configuration at 'backend.databse'; closest: backend.database"),
                error.getMessage());
    }

    @Test
    void stopStartAndRestartChangeOnePlugin() {
        assertEquals("stopped", commands.stop("example").field("state"));
        assertEquals("stopped", commands.plugins().row("example").get("state"));
        assertEquals("started", commands.plugins().row("catalog").get("state"));

        Report started = commands.start("example");
        assertEquals("started", started.field("state"));
        assertTrue(started.field("took").endsWith(" ms"));

        Report restarted = commands.restart("catalog");
        assertEquals("Plugin 'catalog' restarted", restarted.title());
        assertTrue(restarted.toString().contains("Module 'broken-module' for plugin 'catalog' startup failed"),
                restarted.toString());
    }
}
