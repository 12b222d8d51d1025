package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;

/** Tracking plugin and module services: waiting modules, activation outcomes, services leaving. */
class FeatureServicesTest {

    /** A service whose activation the test completes by hand. */
    static final class FakeService implements FeatureServices.FeatureService {
        final BackendFeature feature;
        final Optional<String> declaredPluginId;
        CompletableFuture<Optional<BackendFeature>> activation;
        int deactivations;

        FakeService(BackendFeature feature, String declaredPluginId) {
            this.feature = feature;
            this.declaredPluginId = Optional.ofNullable(declaredPluginId);
        }

        @Override
        public boolean module() {
            return feature instanceof BackendModule;
        }

        @Override
        public Optional<String> declaredPluginId() {
            return declaredPluginId;
        }

        @Override
        public Optional<String> declaredModuleId() {
            return feature instanceof BackendModule m ? Optional.of(m.moduleId()) : Optional.empty();
        }

        @Override
        public String origin() {
            return "bundle test." + (feature instanceof BackendModule m ? m.moduleId() : feature.pluginId());
        }

        @Override
        public CompletableFuture<Optional<BackendFeature>> activate() {
            activation = new CompletableFuture<>();
            return activation;
        }

        @Override
        public void deactivate() {
            deactivations++;
        }

        void activated() {
            activation.complete(Optional.of(feature));
        }
    }

    private final CapturingLogger logger = new CapturingLogger();
    private final List<String> sink = new ArrayList<>();
    /** How many activations were still under way at each end of one. */
    private final List<Integer> activationsEnded = new ArrayList<>();
    private final FeatureServices services = new FeatureServices(Runnable::run, new FeatureServices.Sink() {
        @Override
        public void added(BackendFeature feature, String reason) {
            sink.add(reason);
        }

        @Override
        public void removed(BackendFeature feature, String reason) {
            sink.add(reason);
        }

        @Override
        public void activationEnded() {
            activationsEnded.add(services().activating());
        }
    }, logger);

    private FeatureServices services() {
        return services;
    }

    private static BackendPlugin plugin(String id) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(), deps -> { }));
    }

    private static BackendModule module(String pluginId, String moduleId) {
        return BackendModule.create(pluginId, moduleId, env -> env.registerInit(List.of(), deps -> { }));
    }

    @Test
    void aModuleWaitsUnactivatedForItsPluginAndStartsAfterIt() {
        FakeService module = new FakeService(module("catalog", "processor"), "catalog");
        services.arrived(module);

        assertEquals(null, module.activation, "not activated while its plugin is missing");
        assertEquals(List.of(new dev.backline.runtime.shell.WaitingModule("catalog", "processor", "bundle test.processor")),
                services.waitingModules());
        assertTrue(logger.contains("Module 'processor' of bundle test.processor waits for plugin 'catalog'"));

        FakeService plugin = new FakeService(plugin("catalog"), "catalog");
        services.arrived(plugin);
        plugin.activated();
        module.activated();

        assertEquals(List.of("plugin 'catalog' of bundle test.catalog added",
                "module 'processor' of bundle test.processor added"), sink);
        assertEquals(List.of(), services.waitingModules());
    }

    @Test
    void activationsAreCountedUntilEachEndsWhateverItsOutcome() {
        FakeService plugin = new FakeService(plugin("p"), "p");
        FakeService broken = new FakeService(plugin("broken"), "broken");
        FakeService waiting = new FakeService(module("absent", "m"), "absent");
        services.arrived(plugin);
        services.arrived(broken);
        services.arrived(waiting);
        assertEquals(2, services.activating(), "a module waiting for its plugin is not being activated");

        broken.activation.completeExceptionally(new IllegalStateException("constructor failed"));
        plugin.activated();

        assertEquals(0, services.activating());
        assertEquals(List.of(1, 0), activationsEnded, "the failed activation ended too");
        assertEquals(List.of("plugin 'p' of bundle test.p added"), sink);
    }

    @Test
    void aServiceThatLeavesWhileBeingActivatedIsReleasedAndNeverReported() {
        FakeService plugin = new FakeService(plugin("slow"), "slow");
        services.arrived(plugin);
        services.left(plugin);
        plugin.activated();

        assertEquals(List.of(), sink);
        assertEquals(1, plugin.deactivations);
    }

    @Test
    void anActiveServiceLeavingIsReportedAndReleased() {
        FakeService plugin = new FakeService(plugin("p"), null);
        services.arrived(plugin);
        plugin.activated();
        services.left(plugin);

        assertEquals(List.of("plugin 'p' of bundle test.p added", "plugin 'p' of bundle test.p removed"), sink);
        assertEquals(1, plugin.deactivations);
    }

    @Test
    void aWaitingModuleThatLeavesIsForgottenSilently() {
        FakeService module = new FakeService(module("absent", "m"), "absent");
        services.arrived(module);
        services.left(module);

        assertEquals(List.of(), services.waitingModules());
        assertEquals(List.of(), sink);
        assertEquals(0, module.deactivations);
    }

    @Test
    void aFailedActivationIsLoggedWithTheServicesOrigin() {
        FakeService plugin = new FakeService(plugin("broken"), "broken");
        services.arrived(plugin);
        plugin.activation.completeExceptionally(new IllegalStateException("constructor threw"));

        assertEquals(List.of(), sink);
        assertTrue(logger.contains("The plugin service of bundle test.broken could not be activated: "
                + "java.lang.IllegalStateException: constructor threw"), logger.messages().toString());
    }

    @Test
    void aDeclaredPluginIdThatDoesNotMatchIsLogged() {
        FakeService plugin = new FakeService(plugin("real"), "declared");
        services.arrived(plugin);
        plugin.activated();

        assertTrue(logger.contains("Service property backline.plugin.id=declared of bundle test.real does not match its"
                + " plugin id 'real'; using 'real'"), logger.messages().toString());
        assertEquals(List.of("plugin 'real' of bundle test.real added"), sink);
    }
}
