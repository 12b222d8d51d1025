package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;

/** Many plugins start with a bounded number at once: the backend's threads do not grow with its plugins. */
class BoundedStartsTest {

    private static final int PLUGINS = 60;

    @Test
    void aBackendOfManyPluginsStartsThemAFewAtATime() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Backend.Builder builder = TestBackends.builder(new CapturingLogger());
        for (int i = 0; i < PLUGINS; i++) {
            builder.add(BackendPlugin.create("p" + i, env -> env.registerInit(List.of(), deps -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20); // the plugin's own work, short of the slot's hold limit
                } finally {
                    running.decrementAndGet();
                }
            })));
        }
        Backend backend = builder.build();
        try {
            StartupResult result = backend.start();
            assertEquals(PLUGINS, result.plugins().size());
            assertTrue(result.plugins().stream().allMatch(p -> p.failure().isEmpty()), result.toString());
            int slots = PluginSlots.forProcessors(Runtime.getRuntime().availableProcessors());
            assertTrue(mostAtOnce.get() <= slots, "at most " + slots + " plugin inits at once, saw " + mostAtOnce.get());
            assertTrue(mostAtOnce.get() > 1, "plugins still start in parallel, saw " + mostAtOnce.get());
        } finally {
            backend.stop();
        }
    }
}
