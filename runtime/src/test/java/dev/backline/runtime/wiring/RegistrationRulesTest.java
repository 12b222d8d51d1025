package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.FeatureIds;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LoggerService;

/** Spec §1 id rules and §2 registration rules. */
class RegistrationRulesTest {

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }


    private StartupResult startLenient(BackendFeature... features) {
        backend = TestBackends.lenient(logger, features);
        return backend.start();
    }

    private static BackendPlugin plugin(String id, AtomicBoolean initialized) {
        return BackendPlugin.create(id, env -> env.registerInit(List.of(), deps -> initialized.set(true)));
    }



    @Test
    void idsFollowTheRuleCaseInsensitively() {
        for (String valid : List.of("catalog", "user-settings", "a1", "Catalog", "my_plugin", "a-b-c")) {
            assertTrue(FeatureIds.isValid(valid), valid);
        }
        for (String invalid : List.of("", "1abc", "-a", "a-", "a--b", "a.b", "a b", "ä")) {
            assertFalse(FeatureIds.isValid(invalid), invalid);
        }
        assertTrue(FeatureIds.usesUnderscore("my_plugin"));
    }

    @Test
    void anInvalidIdIsRejectedWhenCreatedNamingTheIdAndTheRule() {
        IllegalArgumentException plugin = assertThrows(IllegalArgumentException.class,
                () -> BackendPlugin.create("Bad Id", env -> { }));
        assertEquals("Invalid plugin id 'Bad Id': plugin ids must match " + FeatureIds.RULE + " (case-insensitive)",
                plugin.getMessage());
        IllegalArgumentException module = assertThrows(IllegalArgumentException.class,
                () -> BackendModule.create("catalog", "x.y", env -> { }));
        assertTrue(module.getMessage().contains("'x.y'") && module.getMessage().contains("'catalog'"), module.getMessage());
    }

    @Test
    void anInvalidIdOfAnImplementedFeatureFailsThatPluginAtRegistration() {
        BackendPlugin bad = new BackendPlugin() {
            @Override
            public String pluginId() {
                return "not valid";
            }

            @Override
            public void register(Registrar registrar) {
                registrar.registerInit(List.of(), deps -> { });
            }
        };
        AtomicBoolean good = new AtomicBoolean();
        StartupResult result = startLenient(bad, plugin("good", good));
        assertTrue(TestBackends.pluginFailure(result, "not valid").startsWith("Invalid plugin id 'not valid'"));
        assertTrue(good.get(), "the other plugin still starts");
    }

    @Test
    void registerInitTwiceIsThatPluginsFailure() {
        BackendPlugin twice = BackendPlugin.create("twice", env -> {
            env.registerInit(List.of(), deps -> { });
            env.registerInit(List.of(), deps -> { });
        });
        AtomicBoolean other = new AtomicBoolean();
        StartupResult result = startLenient(twice, plugin("other", other));
        assertEquals("registerInit must only be called once by plugin 'twice'", TestBackends.pluginFailure(result, "twice"));
        assertTrue(other.get());
    }

    @Test
    void neverCallingRegisterInitNamesThePluginOrModuleAndPlugin() {
        StartupResult result = startLenient(
                BackendPlugin.create("silent", env -> { }),
                plugin("host", new AtomicBoolean()),
                BackendModule.create("host", "lazy", env -> { }));
        assertEquals("registerInit was not called by plugin 'silent'", TestBackends.pluginFailure(result, "silent"));
        assertEquals("registerInit was not called by module 'lazy' for plugin 'host'", TestBackends.moduleFailure(result, "host", "lazy"));
    }

    @Test
    void registerExtensionPointAfterRegisterInitIsAnError() {
        ExtensionPoint<Runnable> point = ExtensionPoint.create("late.point", Runnable.class);
        StartupResult result = startLenient(BackendPlugin.create("late", env -> {
            env.registerInit(List.of(), deps -> { });
            env.registerExtensionPoint(point, () -> { });
        }));
        assertEquals("registerExtensionPoint called after registerInit by plugin 'late' (extension point 'late.point')",
                TestBackends.pluginFailure(result, "late"));
    }

    @Test
    void aThrowingRegisterIsThatPluginsFailureOnly() {
        AtomicBoolean other = new AtomicBoolean();
        StartupResult result = startLenient(BackendPlugin.create("boom", env -> {
            throw new IllegalStateException("bad register");
        }), plugin("other", other));
        assertEquals("Registration of plugin 'boom' failed: java.lang.IllegalStateException: bad register",
                TestBackends.pluginFailure(result, "boom"));
        assertTrue(other.get());
    }

    @Test
    void aDuplicatePluginIdDropsBothCopiesAndTheirModules() {
        AtomicBoolean first = new AtomicBoolean();
        AtomicBoolean second = new AtomicBoolean();
        AtomicBoolean module = new AtomicBoolean();
        AtomicBoolean other = new AtomicBoolean();
        StartupResult result = startLenient(plugin("dup", first), plugin("dup", second),
                BackendModule.create("dup", "mod", env -> env.registerInit(List.of(), deps -> module.set(true))),
                plugin("other", other));
        assertEquals("Plugin 'dup' is already registered", TestBackends.pluginFailure(result, "dup"));
        assertFalse(first.get() || second.get() || module.get(), "neither copy nor its module ran");
        assertEquals(List.of(), result.plugin("dup").orElseThrow().modules());
        assertTrue(other.get());
    }

    @Test
    void aDuplicateModuleIdFailsTheSecondAndKeepsTheFirst() {
        AtomicReference<String> ran = new AtomicReference<>("");
        StartupResult result = startLenient(plugin("host", new AtomicBoolean()),
                BackendModule.create("host", "mod", env -> env.registerInit(List.of(), deps -> ran.set(ran.get() + "first"))),
                BackendModule.create("host", "mod", env -> env.registerInit(List.of(), deps -> ran.set(ran.get() + "second"))));
        assertEquals("first", ran.get());
        List<ModuleStartupResult> modules = result.plugin("host").orElseThrow().modules();
        assertEquals(2, modules.size());
        assertTrue(modules.get(0).failure().isEmpty());
        assertEquals("Module 'mod' for plugin 'host' is already registered",
                modules.get(1).failure().orElseThrow().error().getMessage());
    }

    @Test
    void aDuplicateExtensionPointIdFailsTheSecondRegistrationNamingBothOwners() {
        ExtensionPoint<Runnable> point = ExtensionPoint.create("shared.point", Runnable.class);
        AtomicBoolean firstStarted = new AtomicBoolean();
        StartupResult result = startLenient(
                BackendPlugin.create("first", env -> {
                    env.registerExtensionPoint(point, () -> { });
                    env.registerInit(List.of(), deps -> firstStarted.set(true));
                }),
                BackendPlugin.create("second", env -> {
                    env.registerExtensionPoint(point, () -> { });
                    env.registerInit(List.of(), deps -> { });
                }));
        assertTrue(firstStarted.get());
        assertTrue(result.plugin("first").orElseThrow().failure().isEmpty());
        assertEquals("Extension point 'shared.point' is already registered by plugin 'first'; plugin 'second' "
                + "cannot register it again", TestBackends.pluginFailure(result, "second"));
    }

    @Test
    void missingDependenciesAreReportedAllAtOnceNamingTheRequester() {
        ServiceRef<String> a = ServiceRef.plugin("missing.a", String.class);
        ServiceRef<String> b = ServiceRef.root("missing.b", String.class);
        ExtensionPoint<Runnable> point = ExtensionPoint.create("nowhere.point", Runnable.class);
        StartupResult result = startLenient(
                BackendPlugin.create("needy", env -> env.registerInit(List.of(CoreServices.LOGGER, a, b), deps -> { })),
                BackendModule.create("needy", "needy-module", env -> env.registerInit(List.of(a, point), deps -> { })));
        assertEquals("Service or extension point dependencies of plugin 'needy' are missing for the following ref(s): "
                + "'missing.a', 'missing.b'", TestBackends.pluginFailure(result, "needy"));
        assertEquals("Service or extension point dependencies of module 'needy-module' for plugin 'needy' are missing "
                + "for the following ref(s): 'missing.a', 'nowhere.point'", TestBackends.moduleFailure(result, "needy", "needy-module"));
    }

    @Test
    void askingForAnUndeclaredDependencyNamesWhatWasAskedWhoAskedAndWhatWasDeclared() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        startLenient(BackendPlugin.create("curious", env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
            try {
                deps.get(CoreServices.ROOT_CONFIG);
            } catch (IllegalArgumentException e) {
                error.set(e);
            }
        })));
        assertEquals("Plugin 'curious' asked for 'core.rootConfig', which it did not declare as a dependency; "
                + "declared: ['core.logger']", error.get().getMessage());
    }

    @Test
    void aRootServiceDependingOnAPluginServiceFailsTheStartNamingBoth() {
        ServiceRef<String> root = ServiceRef.root("test.root", String.class);
        backend = TestBackends.builder(logger)
                .add(dev.backline.plugin.api.ServiceFactory.of(root).deps(CoreServices.LOGGER).factory(deps -> "x"))
                .add(BackendPlugin.create("user", env -> env.registerInit(List.of(root), deps -> { })))
                .build();
        WiringException error = assertThrows(WiringException.class, backend::start);
        assertEquals("Failed to instantiate 'root' scoped service 'test.root' because it depends on 'plugin' scoped "
                + "service 'core.logger'", error.getMessage());
        assertEquals(BackendState.START_FAILED, backend.initializer().state());
    }

    @Test
    void serviceCyclesFailTheStartBeforeAnythingIsCreated() {
        AtomicBoolean created = new AtomicBoolean();
        // Only reachable through the refs' own default factories, so only the start can find it.
        ServiceRef<LoggerService> y = ServiceRef.builder("cycle.y", LoggerService.class)
                .defaultFactory(r -> dev.backline.plugin.api.ServiceFactory.of(r)
                        .deps(ServiceRef.plugin("cycle.x", LoggerService.class))
                        .factory(deps -> {
                            created.set(true);
                            return null;
                        }))
                .build();
        ServiceRef<LoggerService> x = ServiceRef.builder("cycle.x", LoggerService.class)
                .defaultFactory(r -> dev.backline.plugin.api.ServiceFactory.of(r).deps(y).factory(deps -> {
                    created.set(true);
                    return deps.get(y);
                }))
                .build();
        backend = TestBackends.builder(logger)
                .add(BackendPlugin.create("user", env -> env.registerInit(List.of(x), deps -> { })))
                .build();
        WiringException error = assertThrows(WiringException.class, backend::start);
        assertEquals("Circular dependencies detected:\n  'cycle.x' -> 'cycle.y' -> 'cycle.x'", error.getMessage());
        assertFalse(created.get());
        assertEquals(BackendState.START_FAILED, backend.initializer().state());
    }

    @Test
    void aFactoryThatWouldCloseACycleIsRefusedWhenAdded() {
        ServiceRef<String> x = ServiceRef.plugin("cycle.a", String.class);
        ServiceRef<String> y = ServiceRef.builder("cycle.b", String.class)
                .defaultFactory(r -> dev.backline.plugin.api.ServiceFactory.of(r).deps(x).factory(deps -> "b")).build();
        Backend.Builder builder = TestBackends.builder(logger)
                .add(dev.backline.plugin.api.ServiceFactory.of(x).deps(y).factory(deps -> deps.get(y)));
        WiringException error = assertThrows(WiringException.class, builder::build);
        assertEquals("Service factory for 'cycle.a' would create circular dependencies:\n  'cycle.a' -> 'cycle.b' -> 'cycle.a'",
                error.getMessage());
    }

    @Test
    void idsWithUnderscoresStartButLogAWarning() {
        startLenient(plugin("my_plugin", new AtomicBoolean()),
                BackendModule.create("my_plugin", "my_module", env -> env.registerInit(List.of(), deps -> { })));
        assertTrue(logger.contains("Plugin id 'my_plugin' uses '_'"), logger.messages().toString());
        assertTrue(logger.contains("Module id 'my_module' of plugin 'my_plugin' uses '_'"));
    }

    @Test
    void aLinkageErrorInRegisterIsThatPluginsFailureNotTheBackends() {
        AtomicBoolean other = new AtomicBoolean();
        StartupResult result = startLenient(BackendPlugin.create("lost", env -> {
            throw new NoClassDefFoundError("com/example/Gone");
        }), plugin("other", other));
        assertEquals("Registration of plugin 'lost' failed: java.lang.NoClassDefFoundError: com/example/Gone",
                TestBackends.pluginFailure(result, "lost"));
        assertTrue(other.get());
    }
}
