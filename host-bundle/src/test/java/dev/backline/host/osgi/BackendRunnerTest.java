package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Await;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.wiring.BackendState;
import dev.backline.runtime.wiring.PluginState;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.CoreServices;

/** The host's control of a plain-Java backend: first start off the caller's thread, coalesced restarts with reasons. */
class BackendRunnerTest {

    private final CapturingLogger logger = new CapturingLogger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> startupFailures = Collections.synchronizedList(new ArrayList<>());
    private Backend backend;
    private BackendRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop();
        }
        scheduler.shutdownNow();
    }

    private BackendRunner runner(Map<String, ?> config, BackendPlugin... plugins) {
        Backend.Builder builder = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(config, "test")))
                .logger(logger);
        for (BackendPlugin plugin : plugins) {
            builder.add(plugin);
        }
        backend = builder.build();
        runner = new BackendRunner(backend, logger, scheduler, startupFailures::add);
        return runner;
    }

    private BackendPlugin recording(String id) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> events.add(id + " init")));
    }

    private BackendModule module(String pluginId, String moduleId) {
        return BackendModule.create(pluginId, moduleId,
                env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> events.add(moduleId + " init")));
    }

    private PluginState state(String pluginId) {
        return backend.initializer().plugins().stream().filter(p -> p.pluginId().equals(pluginId))
                .findFirst().orElseThrow().state();
    }

    @Test
    void aPluginAddedAfterStartIsInstalledAndTheLogSaysWhy() throws Exception {
        runner(Map.of(), recording("a")).start().get(10, TimeUnit.SECONDS);

        runner.added(recording("b"), "plugin 'b' of bundle test.b added");

        Await.until("plugin b to start", () -> state("b"), PluginState.STARTED::equals);
        Await.until("the log of its start", () -> logger.messages(), m -> m.stream().anyMatch(
                line -> line.startsWith("Plugin 'b' installed and started in ")));
        assertTrue(logger.contains("Starting plugin 'b': plugin 'b' of bundle test.b added"), logger.messages().toString());
    }

    @Test
    void aBundleUpdateIsOneRestartLoggedAsAnUpdate() throws Exception {
        BackendModule first = module("a", "m");
        runner(Map.of(), recording("a")).start().get(10, TimeUnit.SECONDS);
        runner.added(first, "module 'm' of bundle test.m added");
        Await.until("module m to run", () -> events, e -> e.contains("m init"));
        Await.until("the first restart to be reported", () -> logger.messages(),
                m -> m.stream().anyMatch(line -> line.startsWith("Plugin 'a' restarted in")));
        events.clear();

        runner.removed(first, "module 'm' of bundle test.m removed");
        runner.added(module("a", "m"), "module 'm' of bundle test.m added");

        Await.until("the update's restart", () -> logger.messages(), m -> m.stream().anyMatch(
                line -> line.equals("Restarting plugin 'a': module 'm' of bundle test.m updated")));
        Await.until("a to run again", () -> events, e -> e.contains("a init"));
        assertEquals(List.of("m init", "a init"), events, "one restart, with the new module");
    }

    @Test
    void changesMadeWhileTheFirstStartRunsApplyRightAfterIt() throws Exception {
        CountDownLatch inInit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BackendPlugin slow = BackendPlugin.create("slow", env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
            events.add("slow init");
            inInit.countDown();
            release.await(10, TimeUnit.SECONDS);
        }));
        runner(Map.of(), slow);
        var started = runner.start();
        assertTrue(inInit.await(10, TimeUnit.SECONDS));
        assertEquals(BackendState.STARTING, backend.initializer().state(), "the caller's thread did not wait for the start");

        runner.added(module("slow", "late"), "module 'late' of bundle test.late added");
        release.countDown();
        started.get(10, TimeUnit.SECONDS);
        release.countDown();

        Await.until("the late module to run", () -> events, e -> e.contains("late init"));
    }

    @Test
    void aFailedFirstStartIsReported() throws Exception {
        BackendPlugin broken = BackendPlugin.create("broken", env -> env.registerInit(List.of(), deps -> {
            throw new IllegalStateException("broken on purpose");
        }));
        runner(Map.of(), broken).start().get(10, TimeUnit.SECONDS);

        assertEquals(List.of("Backend startup failed"), startupFailures);
        assertEquals(BackendState.START_FAILED, backend.initializer().state());
    }

    @Test
    void aServiceFactoryArrivingRestartsThePluginsUsingItOnTheNewImplementation() throws Exception {
        ServiceRef<String> greeting = ServiceRef.builder("test.greeting", String.class)
                .defaultFactory(ref -> ServiceFactory.of(ref).factory(deps -> "default")).build();
        BackendPlugin user = BackendPlugin.create("user", env -> env.registerInit(List.of(greeting),
                deps -> events.add("user got " + deps.get(greeting))));
        runner(Map.of(), user).start().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("user got default"), events);

        runner.factoryChanged(ServiceFactory.of(greeting).factory(deps -> "from a bundle"), true, "bundle test.greeting");

        Await.until("user to restart on the new factory", () -> events, e -> e.contains("user got from a bundle"));
        assertTrue(logger.contains("Restarting plugin 'user': service factory 'test.greeting' of bundle test.greeting added"),
                logger.messages().toString());
    }

    @Test
    void summariesNameEachSubjectOnce() {
        assertEquals("module 'm' of b updated; configuration backline.plugin.a changed", BackendRunner.summary(List.of(
                "module 'm' of b removed", "configuration backline.plugin.a changed", "module 'm' of b added")));
    }
}
