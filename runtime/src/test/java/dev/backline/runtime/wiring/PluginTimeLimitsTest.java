package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Await;
import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * Backline: a plugin start is bounded by {@code backend.startup.pluginTimeout}. A plugin that hangs is
 * failed with a message naming it and what it was doing, its threads are interrupted, and the backend,
 * the other plugins and later restarts do not wait for it.
 */
class PluginTimeLimitsTest {

    /** Far longer than any limit below: reaching it means the time limit did not work. */
    private static final long NEVER_SECONDS = 30;

    private final CapturingLogger logger = new CapturingLogger();
    private final CountDownLatch neverReleased = new CountDownLatch(1);
    private final AtomicBoolean releaseBusyLoop = new AtomicBoolean();
    private Backend backend;

    @AfterEach
    void stop() {
        releaseBusyLoop.set(true);
        if (backend != null) {
            backend.stop();
        }
    }

    private static Map<String, ?> config(String pluginTimeout, String onFailure) {
        return Map.of("backend", Map.of("startup", Map.of(
                "pluginTimeout", pluginTimeout,
                "default", Map.of("onPluginBootFailure", onFailure, "onPluginModuleBootFailure", onFailure))));
    }

    /** Blocks in an interruptible wait; counts the interrupts it sees. */
    private BackendPlugin hangingPlugin(String id, AtomicInteger interrupted) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
            try {
                neverReleased.await(NEVER_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        }));
    }

    /** Ignores interrupts: spins until the test ends. */
    private BackendPlugin stubbornPlugin(String id, CountDownLatch entered) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
            entered.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(NEVER_SECONDS);
            while (!releaseBusyLoop.get() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }));
    }

    private static BackendPlugin quickPlugin(String id) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
        }));
    }

    private PluginStatus status(String pluginId) {
        return backend.initializer().plugins().stream().filter(p -> p.pluginId().equals(pluginId)).findFirst().orElseThrow();
    }

    @Test
    void aPluginWhoseInitHangsFailsAtTheLimitWhileTheOthersStart() {
        AtomicInteger interrupted = new AtomicInteger();
        backend = TestBackends.builder(logger, config("300ms", "continue"))
                .add(hangingPlugin("hang", interrupted)).add(quickPlugin("quick")).build();

        StartupResult result = backend.start();

        assertEquals(BackendState.STARTED, backend.initializer().state());
        assertEquals(PluginState.STARTED, status("quick").state());
        assertEquals(PluginState.FAILED, status("hang").state());
        String failure = TestBackends.pluginFailure(result, "hang");
        assertTrue(failure.contains("Plugin 'hang' did not finish starting within 300 ms (backend.startup.pluginTimeout)"
                + " while running its init"), failure);
        assertTrue(logger.contains("Plugin 'hang' startup failed; caused by"), logger.messages().toString());
        Await.until("the hung init to be interrupted", interrupted::get, n -> n == 1);
    }

    @Test
    void underAbortAHungPluginFailsTheStartInsteadOfBlockingIt() {
        backend = TestBackends.builder(logger, config("200ms", "abort"))
                .add(hangingPlugin("hang", new AtomicInteger())).add(quickPlugin("quick")).build();

        BackendStartupException error = assertThrows(BackendStartupException.class, backend::start);

        assertTrue(error.getMessage().contains("Plugin 'hang' startup failed; caused by"), error.getMessage());
        assertTrue(error.getMessage().contains("did not finish starting within 200 ms"), error.getMessage());
        assertEquals(BackendState.START_FAILED, backend.initializer().state());
    }

    @Test
    void aHungModuleIsNamedInTheFailure() {
        BackendModule hangingModule = BackendModule.create("host", "slow-module", env -> env.registerInit(
                List.of(CoreServices.LOGGER), deps -> neverReleased.await(NEVER_SECONDS, TimeUnit.SECONDS)));
        backend = TestBackends.builder(logger, config("300ms", "continue"))
                .add(quickPlugin("host")).add(hangingModule).build();

        StartupResult result = backend.start();

        assertTrue(TestBackends.pluginFailure(result, "host").contains("while initializing its modules"),
                TestBackends.pluginFailure(result, "host"));
        assertEquals("Module 'slow-module' for plugin 'host' had not finished its init when the plugin's start was abandoned",
                TestBackends.moduleFailure(result, "host", "slow-module"));
    }

    @Test
    void aPluginThatIgnoresInterruptsDoesNotHoldUpItsNextRestartOrOtherPlugins() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        backend = TestBackends.builder(logger, config("300ms", "continue"))
                .add(stubbornPlugin("stubborn", entered)).add(quickPlugin("quick")).build();
        backend.start();
        assertEquals(PluginState.FAILED, status("stubborn").state());

        // Its first init still spins; a restart is not queued behind that thread.
        CompletableFuture<java.util.Optional<PluginStartupResult>> restart =
                backend.initializer().restartPluginAsync("stubborn");
        PluginStartupResult quick = backend.initializer().restartPlugin("quick").orElseThrow();
        assertTrue(quick.failure().isEmpty(), "the other plugin restarts at once");
        PluginStartupResult again = restart.get(NEVER_SECONDS, TimeUnit.SECONDS).orElseThrow();
        assertTrue(again.failure().orElseThrow().error().getMessage().contains("did not finish starting within 300 ms"));
        assertEquals(PluginState.FAILED, status("stubborn").state());
    }

    @Test
    void aTimedOutPluginsServicesAreReleased() {
        AtomicInteger shutdownHooks = new AtomicInteger();
        BackendPlugin plugin = BackendPlugin.create("leaky", env -> env.registerInit(List.of(CoreServices.LIFECYCLE), deps -> {
            deps.get(CoreServices.LIFECYCLE).addShutdownHook(shutdownHooks::incrementAndGet);
            neverReleased.await(NEVER_SECONDS, TimeUnit.SECONDS);
        }));
        backend = TestBackends.builder(logger, config("300ms", "continue")).add(plugin).build();
        backend.start();

        assertEquals(1, shutdownHooks.get(), "the hooks it registered before hanging ran");
        assertTrue(backend.initializer().registry().existingInstance(CoreServices.LIFECYCLE, Scope.plugin("leaky")).isEmpty(),
                "its plugin-scoped instances were dropped");
    }

    @Test
    void stoppingTheBackendCutsAStartInProgressShort() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        BackendPlugin plugin = BackendPlugin.create("slow", env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
            entered.countDown();
            try {
                neverReleased.await(NEVER_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        }));
        backend = TestBackends.builder(logger, config("60s", "continue")).add(plugin).build();
        CompletableFuture<StartupResult> start = CompletableFuture.supplyAsync(backend::start);
        assertTrue(entered.await(NEVER_SECONDS, TimeUnit.SECONDS), "the init began");

        // Deadlines far below the 60 s limit: the stop does not wait for the start to time out.
        CompletableFuture.runAsync(backend::stop).get(10, TimeUnit.SECONDS);
        StartupResult result = start.get(10, TimeUnit.SECONDS);

        assertEquals(BackendState.STOPPED, backend.initializer().state(), "the ended start did not overwrite the stop");
        assertTrue(TestBackends.pluginFailure(result, "slow").contains("cut short because the backend is shutting down"),
                TestBackends.pluginFailure(result, "slow"));
        Await.until("the init to be interrupted", interrupted::get, n -> n == 1);
    }
}
