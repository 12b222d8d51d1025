package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.services.CoreServices;

/** The read-only views the shell uses: declarations of the last start, registered refs. */
class DeclarationsTest {

    private static final ExtensionPoint<Greeting> GREETINGS = ExtensionPoint.create("d.greetings", Greeting.class);

    @Test
    void declarationsListWhatEachFeatureDeclaredAtTheLastStart() {
        BackendPlugin plugin = BackendPlugin.create("d", env -> {
            ExtensionPointRegistrations<String> names = env.newRegistrations(GREETINGS);
            env.registerExtensionPoint(GREETINGS, names::add);
            env.registerInit(List.of(CoreServices.LOGGER), deps -> { });
        });
        BackendModule module = BackendModule.create("d", "m",
                env -> env.registerInit(List.of(GREETINGS), deps -> deps.get(GREETINGS).greet("x")));
        Backend backend = TestBackends.lenient(new CapturingLogger(), plugin, module);
        try {
            assertFalse(backend.initializer().declarations("d").orElseThrow().get(0).registered());
            backend.start();

            List<FeatureDeclaration> declared = backend.initializer().declarations("d").orElseThrow();
            assertEquals(2, declared.size());
            assertEquals(Optional.empty(), declared.get(0).moduleId());
            assertTrue(declared.get(0).registered());
            assertEquals(List.of(CoreServices.LOGGER), declared.get(0).serviceDeps());
            assertEquals(List.of(GREETINGS), declared.get(0).providedExtensionPoints());
            assertEquals(Optional.of("m"), declared.get(1).moduleId());
            assertEquals(List.of(GREETINGS), declared.get(1).extensionPointDeps());
            assertEquals(module.getClass(), declared.get(1).featureType());
            assertEquals(Optional.empty(), backend.initializer().declarations("nope"));
            assertTrue(backend.initializer().registry().registeredRefs().stream()
                    .anyMatch(ref -> ref.id().equals(CoreServices.LOGGER.id())));
        } finally {
            backend.stop();
        }
    }
}
