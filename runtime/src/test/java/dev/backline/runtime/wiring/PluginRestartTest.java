package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.CoreServices;

/** Backline: one plugin with its modules restarts while root services and other plugins keep running. */
class PluginRestartTest {

    private static final ExtensionPoint<Greeting> GREETINGS = ExtensionPoint.create("a.greetings", Greeting.class);

    private final CapturingLogger logger = new CapturingLogger();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Object>> instances = new ConcurrentHashMap<>();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    /** Records the logger, lifecycle and root config instances each init receives. */
    private BackendPlugin plugin(String id) {
        return BackendPlugin.create(id, env -> {
            ExtensionPointRegistrations<String> names = env.newRegistrations(GREETINGS);
            if (id.equals("a")) {
                env.registerExtensionPoint(GREETINGS, names::add);
            }
            env.registerInit(List.of(CoreServices.LOGGER, CoreServices.LIFECYCLE, CoreServices.ROOT_CONFIG), deps -> {
                instances.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()))
                        .addAll(List.of(deps.get(CoreServices.LOGGER), deps.get(CoreServices.LIFECYCLE),
                                deps.get(CoreServices.ROOT_CONFIG)));
                events.add(id + " init " + names.items().stream().sorted().toList()); // modules run in parallel
                deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> events.add(id + " shutdown hook"));
            });
        });
    }

    private static BackendModule greeter(String moduleId) {
        return BackendModule.create("a", moduleId,
                env -> env.registerInit(List.of(GREETINGS), deps -> deps.get(GREETINGS).greet(moduleId)));
    }

    @Test
    void restartingOnePluginGivesItNewPluginInstancesWhileTheOtherKeepsItsOwn() {
        backend = TestBackends.builder(logger).add(plugin("a")).add(plugin("b")).build();
        backend.start();
        Object bLogger = backend.pluginService("b", CoreServices.LOGGER);
        events.clear();

        PluginStartupResult result = backend.initializer().restartPlugin("a").orElseThrow();
        assertTrue(result.failure().isEmpty());
        assertEquals(List.of("a shutdown hook", "a init []"), events, "only a stopped and started again");

        List<Object> a = instances.get("a");
        assertNotSame(a.get(0), a.get(3), "a got a new logger");
        assertNotSame(a.get(1), a.get(2 + 2), "a got a new lifecycle");
        assertSame(a.get(2), a.get(5), "root services are kept");
        assertSame(bLogger, backend.pluginService("b", CoreServices.LOGGER), "b keeps its instance");
        assertEquals(3, instances.get("b").size(), "b was not initialised again");
        assertEquals(PluginState.STARTED, status("b").state());
    }

    @Test
    void aModuleAddedOrRemovedAtRuntimeTakesEffectOnRestart() {
        BackendModule hello = greeter("hello");
        backend = TestBackends.builder(logger).add(plugin("a")).add(hello).build();
        backend.start();
        assertTrue(events.contains("a init [hello]"));

        BackendModule extra = greeter("extra");
        assertEquals(java.util.Optional.of("a"), backend.initializer().add(extra));
        backend.initializer().restartPlugin("a");
        assertEquals("a init [extra, hello]", events.get(events.size() - 1));

        backend.initializer().remove(hello);
        backend.initializer().restartPlugin("a");
        assertEquals("a init [extra]", events.get(events.size() - 1));
        assertEquals(List.of("extra"), status("a").moduleIds());
    }

    @Test
    void aModuleArrivingBeforeItsPluginWaitsAndStartsWithIt() {
        backend = TestBackends.builder(logger).add(plugin("b")).build();
        backend.start();
        backend.initializer().add(greeter("early"));
        assertEquals(PluginState.WAITING, status("a").state());
        assertTrue(backend.initializer().restartPlugin("a").isEmpty(), "nothing starts without the plugin");
        assertEquals(PluginState.WAITING, status("a").state());

        backend.initializer().add(plugin("a"));
        backend.initializer().restartPlugin("a");
        assertEquals(PluginState.STARTED, status("a").state());
        assertTrue(events.contains("a init [early]"), events.toString());
    }

    @Test
    void removingThePluginStopsItAndLeavesItsModulesWaiting() {
        BackendPlugin a = plugin("a");
        backend = TestBackends.builder(logger).add(a).add(greeter("m")).build();
        backend.start();
        backend.initializer().remove(a);
        backend.initializer().restartPlugin("a");
        assertTrue(events.contains("a shutdown hook"));
        assertEquals(PluginState.WAITING, status("a").state());
        assertEquals(List.of(), backend.initializer().installedPlugins());
    }

    @Test
    void stopAndStartAPlugin() {
        backend = TestBackends.builder(logger).add(plugin("a")).add(plugin("b")).build();
        backend.start();
        backend.initializer().stopPlugin("a");
        assertEquals(PluginState.STOPPED, status("a").state());
        assertEquals(PluginState.STARTED, status("b").state());
        backend.initializer().startPlugin("a");
        assertEquals(PluginState.STARTED, status("a").state());
        assertEquals(2, events.stream().filter(e -> e.startsWith("a init")).count());
    }

    @Test
    void aRestartThatFailsLeavesThePluginFailedAndTheOthersServing() {
        BackendPlugin good = plugin("a");
        backend = TestBackends.builder(logger).add(good).add(plugin("b")).build();
        backend.start();
        backend.initializer().remove(good);
        backend.initializer().add(BackendPlugin.create("a", env -> env.registerInit(List.of(), deps -> {
            throw new IllegalStateException("new version is broken");
        })));
        PluginStartupResult result = backend.initializer().restartPlugin("a").orElseThrow();
        assertEquals("new version is broken", result.failure().orElseThrow().error().getMessage());
        assertEquals(PluginState.FAILED, status("a").state());
        assertEquals(PluginState.STARTED, status("b").state());
        assertEquals(BackendState.STARTED, backend.initializer().state());
    }

    @Test
    void unknownPluginIdsAndRestartsBeforeStartAreRefused() {
        backend = TestBackends.builder(logger).add(plugin("a")).build();
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> backend.initializer().restartPlugin("a"));
        assertTrue(early.getMessage().contains("NOT_STARTED"), early.getMessage());
        backend.start();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> backend.initializer().restartPlugin("nope"));
        assertEquals("Unknown plugin 'nope'; known plugins: 'a'", unknown.getMessage());
    }

    @Test
    void aServiceCycleBroughtInByARestartFailsThatPluginInsteadOfHanging() {
        ServiceRef<String> y = ServiceRef.builder("late.y", String.class)
                .defaultFactory(r -> dev.backline.plugin.api.ServiceFactory.of(r)
                        .deps(ServiceRef.plugin("late.x", String.class)).factory(deps -> "y"))
                .build();
        ServiceRef<String> x = ServiceRef.builder("late.x", String.class)
                .defaultFactory(r -> dev.backline.plugin.api.ServiceFactory.of(r).deps(y).factory(deps -> "x"))
                .build();
        backend = TestBackends.builder(logger).add(plugin("a")).add(plugin("b")).build();
        backend.start();
        backend.initializer().add(BackendModule.create("a", "cyclic", env -> env.registerInit(List.of(x), deps -> { })));
        PluginStartupResult result = backend.initializer().restartPlugin("a").orElseThrow();
        assertEquals("Circular dependencies detected:\n  'late.x' -> 'late.y' -> 'late.x'",
                result.failure().orElseThrow().error().getMessage());
        assertEquals(PluginState.STARTED, status("b").state());
    }

    @Test
    void aSecondPluginWithAnIdInUseArrivingAfterStartIsRefusedAndTheFirstKeepsServing() {
        BackendPlugin serving = plugin("a");
        backend = TestBackends.builder(logger).add(serving).add(plugin("b")).build();
        backend.start();
        Object loggerBefore = backend.pluginService("a", CoreServices.LOGGER);

        BackendPlugin copy = BackendPlugin.create("a", env -> env.registerInit(List.of(), deps -> events.add("copy init")));
        assertTrue(backend.initializer().add(copy).isEmpty(), "nothing to restart");

        assertTrue(logger.messages().stream().anyMatch(m -> m.startsWith("Plugin 'a' is already registered; the copy from ")
                && m.endsWith(" keeps serving")), logger.messages().toString());
        assertEquals(PluginState.STARTED, status("a").state());
        assertSame(loggerBefore, backend.pluginService("a", CoreServices.LOGGER), "the serving plugin was not restarted");
        assertTrue(backend.initializer().remove(copy).isEmpty(), "removing the refused copy changes nothing");
        assertEquals(PluginState.STARTED, status("a").state());
        assertTrue(events.stream().noneMatch(e -> e.equals("copy init")));
    }

    @Test
    void aRefusedCopyTakesOverWhenTheServingPluginIsRemoved() {
        BackendPlugin serving = plugin("a");
        backend = TestBackends.builder(logger).add(serving).build();
        backend.start();
        backend.initializer().add(BackendPlugin.create("a", env -> env.registerInit(List.of(), deps -> events.add("copy init"))));

        assertEquals(java.util.Optional.of("a"), backend.initializer().remove(serving));
        backend.initializer().restartPlugin("a");

        assertEquals("copy init", events.get(events.size() - 1));
        assertEquals(PluginState.STARTED, status("a").state());
        assertTrue(logger.contains("refused earlier as a duplicate, takes the place of the one removed"));
    }

    private PluginStatus status(String pluginId) {
        return backend.initializer().plugins().stream().filter(s -> s.pluginId().equals(pluginId))
                .findFirst().orElseThrow();
    }
}
