package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;

/** A plugin needs a restart only for changes its latest start has not taken in. */
class NeedsRestartTest {

    @Test
    void changesMarkThePluginUntilAStartTakesThemIn() {
        Backend backend = TestBackends.builder(new CapturingLogger())
                .add(BackendPlugin.create("a", env -> env.registerInit(List.of(), deps -> { })))
                .build();
        BackendInitializer initializer = backend.initializer();
        try {
            backend.start();
            assertFalse(initializer.needsRestart("a"), "just started with everything it has");

            BackendModule module = BackendModule.create("a", "m", env -> env.registerInit(List.of(), deps -> { }));
            initializer.add(module);
            assertTrue(initializer.needsRestart("a"), "a module arrived");
            initializer.restartPlugin("a");
            assertFalse(initializer.needsRestart("a"), "the restart took the module in");

            initializer.markChanged("a");
            assertTrue(initializer.needsRestart("a"), "its configuration changed");
            initializer.restartPlugin("a");
            assertFalse(initializer.needsRestart("a"));

            initializer.remove(module);
            assertTrue(initializer.needsRestart("a"), "the module left");
            assertFalse(initializer.needsRestart("unknown"), "nothing to restart for a plugin never seen");
        } finally {
            backend.stop();
        }
    }
}
