package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;

/** A plugin that failed for want of a service is named as waiting for it, so that its arrival starts it again. */
class MissingDependenciesTest {

    interface Clock {
    }

    private static final ServiceRef<Clock> CLOCK = ServiceRef.plugin("test.clock", Clock.class);

    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    @Test
    void aPluginThatFailedForWantOfAServiceWaitsForItAndStartsOnceItIsThere() {
        backend = TestBackends.lenient(new CapturingLogger(),
                BackendPlugin.create("timed", env -> env.registerInit(List.of(CLOCK), deps -> { })),
                BackendPlugin.create("other", env -> env.registerInit(List.of(), deps -> { })));
        backend.start();
        BackendInitializer initializer = backend.initializer();
        assertEquals(PluginState.FAILED, state("timed"));
        assertEquals(Set.of("timed"), initializer.pluginsMissing("test.clock"));
        assertEquals(Set.of(), initializer.pluginsMissing("test.other"));

        initializer.registry().add(ServiceFactory.of(CLOCK).factory(deps -> new Clock() { }), ServiceSource.EXPLICIT, "test");
        initializer.restartPlugin("timed");

        assertEquals(PluginState.STARTED, state("timed"));
        assertEquals(Set.of(), initializer.pluginsMissing("test.clock"));
    }

    private PluginState state(String pluginId) {
        return backend.initializer().plugins().stream().filter(p -> p.pluginId().equals(pluginId)).findFirst()
                .orElseThrow().state();
    }
}
