package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.RootHealthService;

/**
 * Stopping a backend is bounded and keeps Backstage's order: a hook that hangs is logged and left behind
 * after {@code backend.lifecycle.shutdownTimeout}; {@code backend.lifecycle.serverShutdownDelay} keeps
 * plugins serving while readiness already says 503.
 */
class BackendStopTest {

    private final CapturingLogger logger = new CapturingLogger();
    private final CountDownLatch neverReleased = new CountDownLatch(1);
    private Backend backend;

    @AfterEach
    void release() {
        neverReleased.countDown();
        if (backend != null) {
            backend.stop();
        }
    }

    private static Map<String, ?> lifecycle(Map<String, ?> settings) {
        return Map.of("backend", Map.of("lifecycle", settings));
    }

    @Test
    void aShutdownHookThatHangsIsLeftBehindAfterTheShutdownTimeout() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        backend = TestBackends.builder(logger, lifecycle(Map.of("shutdownTimeout", "200ms")))
                .add(BackendPlugin.create("stuck", env -> env.registerInit(List.of(CoreServices.LIFECYCLE), deps ->
                        deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> {
                            events.add("stuck hook began");
                            neverReleased.await();
                        }))))
                .add(BackendPlugin.create("fine", env -> env.registerInit(
                        List.of(CoreServices.LIFECYCLE, CoreServices.ROOT_LIFECYCLE), deps -> {
                            deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> events.add("fine hook"));
                            deps.get(CoreServices.ROOT_LIFECYCLE).addShutdownHook(() -> events.add("root shutdown hook"));
                        })))
                .build();
        backend.start();

        // A deadline far above the 200 ms limit, far below "forever".
        CompletableFuture.runAsync(backend::stop).get(10, TimeUnit.SECONDS);

        assertEquals(BackendState.STOPPED, backend.initializer().state());
        assertTrue(events.containsAll(List.of("stuck hook began", "fine hook", "root shutdown hook")), events.toString());
        assertEquals("root shutdown hook", events.get(events.size() - 1), "root shutdown hooks run last");
        assertTrue(logger.contains("1 shutdown hook(s) of plugin 'stuck' still running after 200 ms; going on without them"),
                logger.messages().toString());
        assertTrue(logger.contains("Plugins stopped: 'fine', 'stuck'"), logger.messages().toString());
        assertTrue(logger.messages().stream().anyMatch(m -> m.startsWith("Backend stopped in ")), logger.messages().toString());
    }

    @Test
    void theServerShutdownDelayKeepsPluginsUpAfterReadinessWentDown() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        long[] readinessDownAt = new long[1];
        long[] pluginHookAt = new long[1];
        backend = TestBackends.builder(logger, lifecycle(Map.of("serverShutdownDelay", Map.of("milliseconds", 400))))
                .add(BackendPlugin.create("p", env -> env.registerInit(
                        List.of(CoreServices.LIFECYCLE, CoreServices.ROOT_LIFECYCLE, CoreServices.ROOT_HEALTH), deps -> {
                            RootHealthService health = deps.get(CoreServices.ROOT_HEALTH);
                            deps.get(CoreServices.ROOT_LIFECYCLE).addBeforeShutdownHook(() -> {
                                readinessDownAt[0] = System.nanoTime();
                                events.add("before-shutdown readiness " + health.getReadiness().status());
                            });
                            deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> {
                                pluginHookAt[0] = System.nanoTime();
                                events.add("plugin shutdown hook");
                            });
                        })))
                .build();
        backend.start();

        backend.stop();

        assertEquals(List.of("before-shutdown readiness 503", "plugin shutdown hook"), events);
        long waited = TimeUnit.NANOSECONDS.toMillis(pluginHookAt[0] - readinessDownAt[0]);
        assertTrue(waited >= 390, "plugins stopped only " + waited + " ms after readiness went down; the delay is 400 ms");
    }

    @Test
    void aBadShutdownTimeoutIsNamedAndTheDefaultUsed() {
        backend = TestBackends.builder(logger, lifecycle(Map.of("shutdownTimeout", "soon"))).build();
        backend.start();
        backend.stop();
        assertTrue(logger.messages().stream().anyMatch(m -> m.contains("backend.lifecycle.shutdownTimeout")
                && m.contains("using 30000 ms")), logger.messages().toString());
    }
}
