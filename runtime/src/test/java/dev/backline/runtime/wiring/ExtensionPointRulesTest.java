package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LoggerService;

/** Spec §4: extension points, module order, and modules sharing their plugin's services. */
class ExtensionPointRulesTest {

    private static final ExtensionPoint<Greeting> GREETINGS = ExtensionPoint.create("host.greetings", Greeting.class);

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    private StartupResult start(BackendFeature... features) {
        backend = TestBackends.lenient(logger, features);
        return backend.start();
    }



    /** The "host" plugin: provides GREETINGS backed by a registrations collector, and records what it got. */
    private static BackendPlugin hostPlugin(List<String> received) {
        return BackendPlugin.create("host", env -> {
            ExtensionPointRegistrations<String> names = env.newRegistrations(GREETINGS);
            env.registerExtensionPoint(GREETINGS, names::add);
            env.registerInit(List.of(), deps -> received.addAll(names.items()));
        });
    }

    private static BackendModule greeter(String moduleId, String name) {
        return BackendModule.create("host", moduleId,
                env -> env.registerInit(List.of(GREETINGS), deps -> deps.get(GREETINGS).greet(name)));
    }

    @Test
    void modulesRunBeforeTheirPluginAndFeedItsExtensionPoint() {
        List<String> received = new CopyOnWriteArrayList<>();
        start(hostPlugin(received), greeter("a", "alice"), greeter("b", "bob"));
        assertEquals(List.of("alice", "bob"), received.stream().sorted().toList());
    }

    @Test
    void aPluginMayNotDependOnAnExtensionPointNotEvenItsOwn() {
        StartupResult result = start(BackendPlugin.create("host", env -> {
            env.registerExtensionPoint(GREETINGS, name -> { });
            env.registerInit(List.of(GREETINGS), deps -> { });
        }));
        assertEquals("Illegal dependency: plugin 'host' depends on extension point(s) 'host.greetings'; plugins "
                + "cannot depend on extension points, only modules can", TestBackends.pluginFailure(result, "host"));
    }

    @Test
    void aModuleUsingAnotherPluginsExtensionPointFailsNamingModulePluginPointAndOwner() {
        List<String> received = new CopyOnWriteArrayList<>();
        StartupResult result = start(hostPlugin(received),
                BackendPlugin.create("other", env -> env.registerInit(List.of(), deps -> { })),
                BackendModule.create("other", "intruder",
                        env -> env.registerInit(List.of(GREETINGS), deps -> deps.get(GREETINGS).greet("x"))));
        assertEquals("Illegal dependency: module 'intruder' for plugin 'other' depends on extension point "
                + "'host.greetings', which belongs to plugin 'host'; modules can only use the extension points of "
                + "their own plugin", TestBackends.moduleFailure(result, "other", "intruder"));
        assertEquals(List.of(), received);
        assertTrue(result.plugin("other").orElseThrow().failure().isEmpty(), "a failing module does not fail its plugin");
    }

    @Test
    void modulesOfAnAbsentPluginWaitAreNotInitialisedAndNotReportedAsInstalled() {
        List<String> ran = new CopyOnWriteArrayList<>();
        StartupResult result = start(
                BackendPlugin.create("present", env -> env.registerInit(List.of(), deps -> ran.add("present"))),
                BackendModule.create("absent", "orphan", env -> env.registerInit(List.of(), deps -> ran.add("orphan"))));
        assertEquals(List.of("present"), ran);
        assertTrue(result.plugin("absent").isEmpty());
        assertEquals(List.of("present"), backend.initializer().installedPlugins().stream()
                .map(p -> p.pluginId()).toList());
        PluginStatus absent = backend.initializer().plugins().stream()
                .filter(p -> p.pluginId().equals("absent")).findFirst().orElseThrow();
        assertEquals(PluginState.WAITING, absent.state());
        assertEquals(List.of("orphan"), absent.moduleIds());
        assertTrue(logger.contains("Module(s) 'orphan' waiting for plugin 'absent', which is not installed"),
                logger.messages().toString());
    }

    @Test
    void aCycleAmongModulesFailsThePluginWithTheCyclePath() {
        ExtensionPoint<Runnable> x = ExtensionPoint.create("host.x", Runnable.class);
        ExtensionPoint<Runnable> y = ExtensionPoint.create("host.y", Runnable.class);
        StartupResult result = start(
                BackendPlugin.create("host", env -> env.registerInit(List.of(), deps -> { })),
                BackendModule.create("host", "mx", env -> {
                    env.registerExtensionPoint(x, () -> { });
                    env.registerInit(List.of(y), deps -> { });
                }),
                BackendModule.create("host", "my", env -> {
                    env.registerExtensionPoint(y, () -> { });
                    env.registerInit(List.of(x), deps -> { });
                }));
        assertEquals("Circular dependencies detected among the modules of plugin 'host':\n  'mx' -> 'my' -> 'mx'",
                TestBackends.pluginFailure(result, "host"));
    }

    @Test
    void aModuleProvidingAnExtensionPointWaitsForEverySlowConsumer() {
        ExtensionPoint<Greeting> extras = ExtensionPoint.create("host.extras", Greeting.class);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        start(
                BackendPlugin.create("host", env -> env.registerInit(List.of(), deps -> events.add("plugin"))),
                // Registered first, so it would start first if order were not enforced.
                BackendModule.create("host", "provider", env -> {
                    ExtensionPointRegistrations<String> names = env.newRegistrations(extras);
                    env.registerExtensionPoint(extras, names::add);
                    env.registerInit(List.of(), deps -> events.add("provider saw " + names.items().stream().sorted().toList()));
                }),
                BackendModule.create("host", "slow", env -> env.registerInit(List.of(extras), deps -> {
                    Thread.sleep(300); // slow on purpose: the provider must still wait for it
                    deps.get(extras).greet("slow");
                    events.add("slow done");
                })),
                BackendModule.create("host", "fast", env -> env.registerInit(List.of(extras), deps -> {
                    deps.get(extras).greet("fast");
                    events.add("fast done");
                })));
        assertEquals(List.of("fast done", "slow done", "provider saw [fast, slow]", "plugin"), events);
    }

    @Test
    void aFactoryExtensionPointIsCreatedPerModuleAndCanReportAModuleFailure() {
        List<String> seenModules = new CopyOnWriteArrayList<>();
        StartupResult result = start(
                BackendPlugin.create("host", env -> {
                    List<Map.Entry<dev.backline.plugin.api.ExtensionPointFactoryContext, String>> registered =
                            new CopyOnWriteArrayList<>();
                    env.registerExtensionPointFactory(GREETINGS, ctx -> {
                        seenModules.add(ctx.moduleId());
                        return name -> registered.add(Map.entry(ctx, name));
                    });
                    env.registerInit(List.of(), deps -> {
                        for (var entry : registered) {
                            if (entry.getValue().isBlank()) {
                                entry.getKey().reportModuleStartupFailure(
                                        new IllegalArgumentException("blank greeting from " + entry.getKey().moduleId()));
                            }
                        }
                    });
                }),
                greeter("good", "alice"),
                greeter("bad", " "));
        assertEquals(List.of("bad", "good"), seenModules.stream().sorted().toList());
        PluginStartupResult host = result.plugin("host").orElseThrow();
        assertTrue(host.failure().isEmpty());
        assertEquals("blank greeting from bad", TestBackends.moduleFailure(result, "host", "bad"));
        assertTrue(host.modules().stream().filter(m -> m.moduleId().equals("good")).findFirst().orElseThrow()
                .failure().isEmpty());
    }

    @Test
    void callingACollectingExtensionPointAfterItsOwnersInitFailsLoudly() {
        AtomicReference<Greeting> kept = new AtomicReference<>();
        start(hostPlugin(new CopyOnWriteArrayList<>()), BackendModule.create("host", "sneaky",
                env -> env.registerInit(List.of(GREETINGS), deps -> kept.set(deps.get(GREETINGS)))));
        IllegalStateException late = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> kept.get().greet("too late"));
        assertTrue(late.getMessage().startsWith("Extension point 'host.greetings' of plugin 'host' is closed"),
                late.getMessage());
    }

    @Test
    void modulesReceiveExactlyTheirPluginsServiceInstances() {
        Map<String, Object> seen = new java.util.concurrent.ConcurrentHashMap<>();
        start(
                BackendPlugin.create("host", env -> env.registerInit(List.of(CoreServices.LOGGER, CoreServices.LIFECYCLE),
                        deps -> {
                            seen.put("plugin-logger", deps.get(CoreServices.LOGGER));
                            seen.put("plugin-lifecycle", deps.get(CoreServices.LIFECYCLE));
                        })),
                BackendModule.create("host", "mod", env -> env.registerInit(
                        List.of(CoreServices.LOGGER, CoreServices.LIFECYCLE), deps -> {
                            seen.put("module-logger", deps.get(CoreServices.LOGGER));
                            seen.put("module-lifecycle", deps.get(CoreServices.LIFECYCLE));
                            deps.get(CoreServices.LOGGER).info("from the module");
                        })),
                BackendPlugin.create("other", env -> env.registerInit(List.of(CoreServices.LOGGER),
                        deps -> seen.put("other-logger", deps.get(CoreServices.LOGGER)))));
        assertSame(seen.get("plugin-logger"), seen.get("module-logger"));
        assertSame(seen.get("plugin-lifecycle"), seen.get("module-lifecycle"));
        assertNotSame(seen.get("plugin-logger"), seen.get("other-logger"));
        assertTrue(logger.linesWith("plugin", "host").stream().anyMatch(l -> l.message().equals("from the module")));
        assertFalse(seen.get("plugin-logger") == null || !(seen.get("plugin-logger") instanceof LoggerService));
    }

    @Test
    void anExtensionPointInterfaceFromAnotherClassLoaderFailsWithBothOriginsNotAClassCastException() throws Exception {
        Class<?> copy = new CopyingClassLoader("library-revision-2", Greeting.class).loadClass(Greeting.class.getName());
        assertNotSame(Greeting.class, copy);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ExtensionPoint<Object> otherRevision = ExtensionPoint.create(GREETINGS.id(), (Class) copy);
        StartupResult result = start(hostPlugin(new CopyOnWriteArrayList<>()), BackendModule.create("host", "stale",
                env -> env.registerInit(List.of(otherRevision), deps -> deps.get(otherRevision))));
        String message = TestBackends.moduleFailure(result, "host", "stale");
        assertTrue(message.startsWith("Module 'stale' for plugin 'host' cannot use extension point 'host.greetings': it "
                + "sees dev.backline.runtime.wiring.Greeting from class loader 'library-revision-2', but the implementation"),
                message);
        assertTrue(message.contains("implements dev.backline.runtime.wiring.Greeting from class loader 'app'"), message);
    }

    /** Defines its own copy of one class from the test classes, as a second bundle revision would. */
    private static final class CopyingClassLoader extends ClassLoader {
        private final Class<?> original;

        CopyingClassLoader(String name, Class<?> original) {
            super(name, CopyingClassLoader.class.getClassLoader());
            this.original = original;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(original.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = original.getResourceAsStream(original.getSimpleName() + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
