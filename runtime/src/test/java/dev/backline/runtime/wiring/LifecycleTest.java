package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LifecycleService;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.RootHealthService;
import dev.backline.plugin.api.services.RootLifecycleService;

/** Spec §5: start order, parallel start, hooks and their phases, readiness, progress logging. */
class LifecycleTest {

    private final CapturingLogger logger = new CapturingLogger();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    /** A plugin that records its init and its hooks, and a root hook recorder. */
    private static BackendPlugin recordingPlugin(String id, List<String> events) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(CoreServices.LIFECYCLE), deps -> {
            events.add(id + " init");
            LifecycleService lifecycle = deps.get(CoreServices.LIFECYCLE);
            lifecycle.addStartupHook(() -> events.add(id + " startup hook"));
            lifecycle.addShutdownHook(() -> events.add(id + " shutdown hook"));
        }));
    }

    private static BackendPlugin rootHooks(List<String> events, AtomicReference<RootHealthService> health) {
        return BackendPlugin.create("roothooks", env -> env.registerInit(
                List.of(CoreServices.ROOT_LIFECYCLE, CoreServices.ROOT_HEALTH), deps -> {
                    RootLifecycleService root = deps.get(CoreServices.ROOT_LIFECYCLE);
                    health.set(deps.get(CoreServices.ROOT_HEALTH));
                    events.add("readiness during init " + health.get().getReadiness().status());
                    root.addStartupHook(() -> events.add("root startup hook"));
                    root.addBeforeShutdownHook(() -> events.add("root before-shutdown hook, readiness "
                            + health.get().getReadiness().status()));
                    root.addShutdownHook(() -> events.add("root shutdown hook"));
                }));
    }

    @Test
    void hooksRunInPhaseOrderAtStartAndStopAndReadinessFollows() {
        AtomicReference<RootHealthService> health = new AtomicReference<>();
        backend = TestBackends.builder(logger)
                .add(recordingPlugin("a", events))
                .add(recordingPlugin("b", events))
                .add(rootHooks(events, health))
                .build();
        backend.start();
        assertTrue(events.contains("readiness during init 503"), "not ready before root startup hooks: " + events);
        assertEquals(200, health.get().getReadiness().status());
        assertEquals(200, health.get().getLiveness().status());
        int rootStartup = events.indexOf("root startup hook");
        assertTrue(events.indexOf("a startup hook") > events.indexOf("a init"));
        assertTrue(rootStartup > events.indexOf("a startup hook") && rootStartup > events.indexOf("b startup hook"),
                events.toString());

        events.clear();
        backend.stop();
        assertEquals("root before-shutdown hook, readiness 503", events.get(0));
        assertEquals(List.of("a shutdown hook", "b shutdown hook"), events.subList(1, 3).stream().sorted().toList());
        assertEquals("root shutdown hook", events.get(3));
        assertEquals(4, events.size());
        assertEquals(503, health.get().getReadiness().status());
        assertEquals(BackendState.STOPPED, backend.initializer().state());
    }

    @Test
    void addingAHookAfterItsPhaseRanIsAnError() {
        AtomicReference<LifecycleService> plugin = new AtomicReference<>();
        AtomicReference<RootLifecycleService> root = new AtomicReference<>();
        backend = TestBackends.builder(logger)
                .add(BackendPlugin.create("a", env -> env.registerInit(
                        List.of(CoreServices.LIFECYCLE, CoreServices.ROOT_LIFECYCLE), deps -> {
                            plugin.set(deps.get(CoreServices.LIFECYCLE));
                            root.set(deps.get(CoreServices.ROOT_LIFECYCLE));
                        })))
                .build();
        backend.start();
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> plugin.get().addStartupHook(() -> { }));
        assertEquals("Attempted to add startup hook for plugin 'a' after the startup phase has already run",
                late.getMessage());
        IllegalStateException lateRoot = assertThrows(IllegalStateException.class, () -> root.get().addStartupHook(() -> { }));
        assertTrue(lateRoot.getMessage().contains("the root lifecycle"), lateRoot.getMessage());
        plugin.get().addShutdownHook(() -> { }); // still allowed: shutdown has not run
        backend.stop();
        assertThrows(IllegalStateException.class, () -> plugin.get().addShutdownHook(() -> { }));
        assertThrows(IllegalStateException.class, () -> root.get().addShutdownHook(() -> { }));
    }

    @Test
    void aFailingHookIsLoggedAndTheOthersStillRun() {
        AtomicInteger ran = new AtomicInteger();
        backend = TestBackends.builder(logger)
                .add(BackendPlugin.create("a", env -> env.registerInit(List.of(CoreServices.LIFECYCLE), deps -> {
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> {
                        throw new IllegalStateException("hook broke");
                    });
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(ran::incrementAndGet);
                })))
                .build();
        backend.start();
        backend.stop();
        assertEquals(1, ran.get());
        assertTrue(logger.lines(LogLevel.ERROR).stream().anyMatch(l -> l.message().equals("Shutdown hook of plugin 'a' failed")
                && l.error() != null && l.error().getMessage().contains("hook broke")), logger.messages().toString());
    }

    @Test
    void hooksOfOnePhaseRunConcurrently() {
        CountDownLatch both = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        backend = TestBackends.builder(logger)
                .add(BackendPlugin.create("a", env -> env.registerInit(List.of(CoreServices.LIFECYCLE), deps -> {
                    for (int i = 0; i < 2; i++) {
                        deps.get(CoreServices.LIFECYCLE).addStartupHook(() -> {
                            both.countDown();
                            if (both.await(5, TimeUnit.SECONDS)) {
                                met.incrementAndGet();
                            }
                        });
                    }
                })))
                .build();
        backend.start();
        assertEquals(2, met.get(), "each hook saw the other running at the same time");
    }

    @Test
    void pluginsStartInParallel() {
        CountDownLatch both = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        Backend.Builder builder = TestBackends.builder(logger);
        for (String id : List.of("a", "b")) {
            builder.add(BackendPlugin.create(id, env -> env.registerInit(List.of(), deps -> {
                both.countDown();
                if (both.await(5, TimeUnit.SECONDS)) {
                    met.incrementAndGet();
                }
            })));
        }
        backend = builder.build();
        backend.start();
        assertEquals(2, met.get());
    }

    @Test
    void eagerPluginServicesAreCreatedForEveryPluginBeforeItsModulesRun() {
        ServiceRef<String> eager = ServiceRef.plugin("test.eager", String.class);
        backend = TestBackends.builder(logger)
                .add(ServiceFactory.of(eager).deps(CoreServices.PLUGIN_METADATA)
                        .initialization(ServiceFactory.Initialization.ALWAYS)
                        .factory(deps -> {
                            events.add("eager for " + deps.get(CoreServices.PLUGIN_METADATA).getId());
                            return "x";
                        }))
                .add(BackendPlugin.create("a", env -> env.registerInit(List.of(), deps -> events.add("a init"))))
                .add(BackendModule.create("a", "m", env -> env.registerInit(List.of(), deps -> events.add("m init"))))
                .add(BackendPlugin.create("b", env -> env.registerInit(List.of(), deps -> { })))
                .build();
        backend.start();
        assertTrue(events.contains("eager for b"), "created even for a plugin that does not use it");
        assertTrue(events.indexOf("eager for a") < events.indexOf("m init"));
        assertTrue(events.indexOf("m init") < events.indexOf("a init"));
    }

    @Test
    void progressIsLoggedWhilePluginsAreStillInitialising() {
        CountDownLatch release = new CountDownLatch(1);
        backend = TestBackends.builder(logger)
                .startupProgressIntervals(Duration.ofMillis(50), Duration.ofMillis(100))
                .add(BackendPlugin.create("quick", env -> env.registerInit(List.of(), deps -> { })))
                .add(BackendPlugin.create("slow", env -> env.registerInit(List.of(), deps -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!logger.contains("still initializing: 'slow'") && System.nanoTime() < deadline) {
                        release.await(20, TimeUnit.MILLISECONDS);
                    }
                })))
                .build();
        backend.start();
        assertTrue(logger.contains("Plugin initialization started: 'quick', 'slow'"), logger.messages().toString());
        assertTrue(logger.contains("Plugin initialization in progress, still initializing: 'slow'"));
        assertTrue(logger.contains("Plugin 'quick' startup complete"));
        assertTrue(logger.contains("Plugin initialization complete, newly initialized: 'quick', 'slow'"));
    }

    @Test
    void theStartupResultListsEveryPluginWithModulesTimingsAndFailures() {
        backend = TestBackends.builder(logger, java.util.Map.of("backend", java.util.Map.of("startup", java.util.Map.of(
                        "default", java.util.Map.of("onPluginModuleBootFailure", "continue")))))
                .add(BackendPlugin.create("a", env -> env.registerInit(List.of(), deps -> Thread.sleep(50)))) // a measurable duration
                .add(BackendModule.create("a", "ok", env -> env.registerInit(List.of(), deps -> { })))
                .add(BackendModule.create("a", "broken", env -> env.registerInit(List.of(), deps -> {
                    throw new java.io.IOException("no disk");
                })))
                .add(BackendPlugin.create("b", env -> env.registerInit(List.of(), deps -> { })))
                .build();
        StartupResult result = backend.start();
        assertEquals(List.of("a", "b"), result.plugins().stream().map(PluginStartupResult::pluginId).toList());
        PluginStartupResult a = result.plugin("a").orElseThrow();
        assertEquals(List.of("ok", "broken"), a.modules().stream().map(ModuleStartupResult::moduleId).toList());
        assertTrue(a.modules().get(0).failure().isEmpty());
        StartupFailure broken = a.modules().get(1).failure().orElseThrow();
        assertTrue(broken.allowed());
        assertTrue(broken.error() instanceof WiringException);
        assertEquals("Module 'broken' for plugin 'a' init failed: java.io.IOException: no disk", broken.error().getMessage());
        assertTrue(a.duration().toMillis() >= 50, a.duration().toString());
        assertTrue(a.startedAt() != null);
        assertTrue(!result.hasDisallowedFailure());
        assertEquals(result, backend.initializer().lastStartupResult().orElseThrow());
    }

    interface Store {
    }

    interface Worker {
    }

    @Test
    void aServiceStopsAfterThePluginAndBeforeTheServicesItDependsOn() {
        ServiceRef<Store> storeRef = ServiceRef.plugin("test.store", Store.class);
        ServiceRef<Worker> workerRef = ServiceRef.plugin("test.worker", Worker.class);
        ServiceFactory<Store> store = ServiceFactory.of(storeRef).deps(CoreServices.LIFECYCLE).factory(deps -> {
            deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> events.add("store closed"));
            return new Store() { };
        });
        // The worker runs on the store, as the scheduler runs on the database: it must stop first.
        ServiceFactory<Worker> worker = ServiceFactory.of(workerRef).deps(CoreServices.LIFECYCLE, storeRef).factory(deps -> {
            deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> events.add("worker stopped"));
            return new Worker() { };
        });
        backend = TestBackends.builder(logger)
                .add(store)
                .add(worker)
                .add(BackendPlugin.create("p", env -> env.registerInit(List.of(workerRef, CoreServices.LIFECYCLE), deps ->
                        deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> events.add("plugin hook")))))
                .build();
        backend.start();

        backend.initializer().stopPlugin("p");

        assertEquals(List.of("plugin hook", "worker stopped", "store closed"), events);
    }
}
