package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.ServiceScope;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.PluginMetadataService;

class ServiceRegistryTest {

    private final ServiceRegistry registry = new ServiceRegistry(TypeOrigin.CLASS_LOADER);

    private static final ServiceRef<String> PLUGIN_NAME = ServiceRef.plugin("test.name", String.class);
    private static final ServiceRef<String> ROOT_NAME = ServiceRef.root("test.rootName", String.class);
    private static final ServiceRef<String> NAMES =
            ServiceRef.builder("test.names", String.class).multiton(true).build();

    private static ServiceFactory<String> constant(ServiceRef<String> ref, String value) {
        return ServiceFactory.of(ref).factory(deps -> value);
    }

    @Test
    void theOriginOfTheFactoryInEffectIsKeptUntilItIsRemoved() {
        ServiceRegistry registry = new ServiceRegistry(TypeOrigin.CLASS_LOADER);
        ServiceFactory<String> fallback = ServiceFactory.of(ROOT_NAME).factory(deps -> "default");
        ServiceFactory<String> explicit = ServiceFactory.of(ROOT_NAME).factory(deps -> "explicit");
        registry.add(fallback, ServiceSource.DEFAULT, "bundle host");
        assertEquals(Optional.of("bundle host"), registry.originOf(ROOT_NAME));

        registry.add(explicit, ServiceSource.EXPLICIT, "bundle provider");
        assertEquals(Optional.of("bundle provider"), registry.originOf(ROOT_NAME));

        registry.remove(explicit);
        assertEquals(Optional.of("bundle host"), registry.originOf(ROOT_NAME));
        assertEquals(Optional.empty(), registry.originOf(PLUGIN_NAME));
    }

    @Test
    void singletonsAndMultitonsAreAskedForByTheirOwnMethod() {
        IllegalArgumentException multiton = assertThrows(IllegalArgumentException.class, () -> registry.get(NAMES, Scope.plugin("p")));
        assertTrue(multiton.getMessage().contains("use getAll"), multiton.getMessage());
        IllegalArgumentException singleton = assertThrows(IllegalArgumentException.class, () -> registry.getAll(PLUGIN_NAME, Scope.plugin("p")));
        assertTrue(singleton.getMessage().contains("use get"), singleton.getMessage());
    }

    @Test
    void explicitBeatsLoadedBeatsDefaultBeatsTheRefDefault() {
        ServiceRef<String> ref = ServiceRef.builder("test.prec", String.class).scope(ServiceScope.ROOT)
                .defaultFactory(r -> constant(r, "ref-default")).build();
        assertEquals("ref-default", registry.get(ref, Scope.ROOT));

        ServiceRegistry withDefault = new ServiceRegistry(TypeOrigin.CLASS_LOADER);
        withDefault.add(constant(ref, "default"), ServiceSource.DEFAULT);
        withDefault.add(constant(ref, "loaded"), ServiceSource.LOADED);
        assertEquals("loaded", withDefault.get(ref, Scope.ROOT));

        ServiceRegistry withExplicit = new ServiceRegistry(TypeOrigin.CLASS_LOADER);
        withExplicit.add(constant(ref, "explicit"), ServiceSource.EXPLICIT);
        withExplicit.add(constant(ref, "loaded"), ServiceSource.LOADED);
        withExplicit.add(constant(ref, "default"), ServiceSource.DEFAULT);
        assertEquals("explicit", withExplicit.get(ref, Scope.ROOT));
    }

    @Test
    void twoExplicitFactoriesForOneIdIsAnErrorNamingTheId() {
        registry.add(constant(ROOT_NAME, "a"), ServiceSource.EXPLICIT);
        WiringException error = assertThrows(WiringException.class,
                () -> registry.add(constant(ROOT_NAME, "b"), ServiceSource.EXPLICIT));
        assertEquals("Duplicate service implementations provided for 'test.rootName'", error.getMessage());
    }

    @Test
    void pluginMetadataCannotBeOverridden() {
        WiringException error = assertThrows(WiringException.class, () -> registry.add(
                ServiceFactory.of(CoreServices.PLUGIN_METADATA).factory(deps -> () -> "fake"), ServiceSource.EXPLICIT));
        assertTrue(error.getMessage().contains("'core.pluginMetadata'"), error.getMessage());
        assertEquals("catalog", registry.get(CoreServices.PLUGIN_METADATA, Scope.plugin("catalog")).getId());
    }

    @Test
    void replacingAFactoryAfterItsServiceWasInstantiatedIsAnError() {
        registry.add(constant(ROOT_NAME, "first"), ServiceSource.DEFAULT);
        registry.get(ROOT_NAME, Scope.ROOT);
        WiringException error = assertThrows(WiringException.class,
                () -> registry.add(constant(ROOT_NAME, "second"), ServiceSource.EXPLICIT));
        assertTrue(error.getMessage().contains("'test.rootName'") && error.getMessage().contains("already been instantiated"),
                error.getMessage());
    }

    @Test
    void aPluginServiceCanBeReplacedOnceThePluginsUsingItAreDiscarded() {
        ServiceFactory<String> first = constant(PLUGIN_NAME, "first");
        registry.add(first, ServiceSource.DEFAULT);
        registry.get(PLUGIN_NAME, Scope.plugin("a"));
        registry.get(PLUGIN_NAME, Scope.plugin("b"));
        assertEquals(Set.of("a", "b"), registry.pluginsUsing("test.name"));
        WiringException error = assertThrows(WiringException.class,
                () -> registry.add(constant(PLUGIN_NAME, "second"), ServiceSource.EXPLICIT));
        assertTrue(error.getMessage().contains("'a', 'b'"), error.getMessage());

        registry.discardPlugin("a");
        registry.discardPlugin("b");
        registry.add(constant(PLUGIN_NAME, "second"), ServiceSource.EXPLICIT);
        assertEquals("second", registry.get(PLUGIN_NAME, Scope.plugin("a")));
        registry.discardPlugin("a");
        registry.remove(first);
        assertEquals("second", registry.get(PLUGIN_NAME, Scope.plugin("a")));
    }

    @Test
    void multitonListsEveryInstanceDefaultsThenExplicitThenLoaded() {
        registry.add(constant(NAMES, "loaded"), ServiceSource.LOADED);
        registry.add(constant(NAMES, "explicit-1"), ServiceSource.EXPLICIT);
        registry.add(constant(NAMES, "default"), ServiceSource.DEFAULT);
        registry.add(constant(NAMES, "explicit-2"), ServiceSource.EXPLICIT);
        assertEquals(List.of("default", "explicit-1", "explicit-2", "loaded"), registry.getAll(NAMES, Scope.plugin("p")));
    }

    @Test
    void aMissingMultitonIsAnEmptyListNeverAnError() {
        assertEquals(List.of(), registry.getAll(NAMES, Scope.plugin("p")));
        assertEquals(List.of(), registry.missing(List.of(NAMES)));
    }

    @Test
    void missingListsEveryUnprovidedSingleton() {
        ServiceRef<String> other = ServiceRef.plugin("test.other", String.class);
        registry.add(constant(ROOT_NAME, "x"), ServiceSource.DEFAULT);
        assertEquals(List.of("test.name", "test.other"), registry.missing(List.of(PLUGIN_NAME, ROOT_NAME, other, NAMES)));
    }

    @Test
    void aRootFactoryDependingOnAPluginServiceNamesBothServicesAndScopes() {
        registry.add(constant(PLUGIN_NAME, "p"), ServiceSource.DEFAULT);
        registry.add(ServiceFactory.of(ROOT_NAME).deps(PLUGIN_NAME).factory(deps -> "r"), ServiceSource.DEFAULT);
        WiringException error = assertThrows(WiringException.class, () -> registry.validate(List.of()));
        assertEquals("Failed to instantiate 'root' scoped service 'test.rootName' because it depends on "
                + "'plugin' scoped service 'test.name'", error.getMessage());
    }

    @Test
    void cyclesAreReportedOnePerLineBeforeAnythingIsInstantiated() {
        AtomicInteger created = new AtomicInteger();
        ServiceRef<String> a = ServiceRef.plugin("a", String.class);
        ServiceRef<String> b = ServiceRef.plugin("b", String.class);
        ServiceFactory<String> closesAB = ServiceFactory.of(b).deps(a).factory(deps -> "b");
        ServiceRef<String> c = ServiceRef.plugin("c", String.class);
        ServiceRef<String> d = ServiceRef.plugin("d", String.class);
        ServiceRef<String> e = ServiceRef.plugin("e", String.class);
        ServiceRef<String> start = ServiceRef.plugin("start", String.class);
        // "start" is on no cycle; the two cycles hang off it.
        ServiceRegistry lenient = new ServiceRegistry(TypeOrigin.CLASS_LOADER);
        List<ServiceFactory<String>> factories = new ArrayList<>();
        factories.add(ServiceFactory.of(start).deps(a, c).factory(deps -> "s" + created.incrementAndGet()));
        factories.add(ServiceFactory.of(a).deps(b).factory(deps -> "a" + created.incrementAndGet()));
        factories.add(ServiceFactory.of(c).deps(d).factory(deps -> "c" + created.incrementAndGet()));
        factories.add(ServiceFactory.of(d).deps(e).factory(deps -> "d" + created.incrementAndGet()));
        // Adding a factory that closes a cycle is refused at once ...
        factories.forEach(f -> lenient.add(f, ServiceSource.DEFAULT));
        WiringException refused = assertThrows(WiringException.class, () -> lenient.add(
                ServiceFactory.of(e).deps(c).factory(deps -> "e"), ServiceSource.DEFAULT));
        assertTrue(refused.getMessage().contains("'c' -> 'd' -> 'e' -> 'c'"), refused.getMessage());
        WiringException refusedAB = assertThrows(WiringException.class, () -> lenient.add(closesAB, ServiceSource.DEFAULT));
        assertTrue(refusedAB.getMessage().contains("'a' -> 'b' -> 'a'"), refusedAB.getMessage());

        // ... and cycles reached through ref default factories are found by validate, all at once.
        ServiceRef<String> x = ServiceRef.builder("x", String.class).defaultFactory(
                r -> ServiceFactory.of(r).deps(ServiceRef.plugin("y", String.class)).factory(deps -> "x")).build();
        ServiceRef<String> y = ServiceRef.builder("y", String.class).defaultFactory(
                r -> ServiceFactory.of(r).deps(x).factory(deps -> "y")).build();
        ServiceRef<String> p = ServiceRef.builder("p", String.class).defaultFactory(
                r -> ServiceFactory.of(r).deps(ServiceRef.plugin("q", String.class)).factory(deps -> "p")).build();
        ServiceRef<String> q = ServiceRef.builder("q", String.class).defaultFactory(
                r -> ServiceFactory.of(r).deps(p).factory(deps -> "q")).build();
        ServiceRegistry byDefaults = new ServiceRegistry(TypeOrigin.CLASS_LOADER);
        byDefaults.factoriesFor(y);
        byDefaults.factoriesFor(q);
        WiringException error = assertThrows(WiringException.class, () -> byDefaults.validate(List.of(x, p)));
        assertEquals("Circular dependencies detected:\n  'x' -> 'y' -> 'x'\n  'p' -> 'q' -> 'p'", error.getMessage());
        assertEquals(0, created.get());
    }

    @Test
    void pluginServicesAreLazyAndOnePerPluginRootServicesOnePerBackend() {
        AtomicInteger pluginCalls = new AtomicInteger();
        AtomicInteger rootCalls = new AtomicInteger();
        registry.add(ServiceFactory.of(PLUGIN_NAME).deps(CoreServices.PLUGIN_METADATA)
                .factory(deps -> deps.get(CoreServices.PLUGIN_METADATA).getId() + "#" + pluginCalls.incrementAndGet()),
                ServiceSource.DEFAULT);
        registry.add(ServiceFactory.of(ROOT_NAME).factory(deps -> "root#" + rootCalls.incrementAndGet()),
                ServiceSource.DEFAULT);
        registry.instantiateEagerRootServices();
        assertEquals(1, rootCalls.get());
        assertEquals(0, pluginCalls.get());
        registry.instantiateEagerPluginServices("a");
        assertEquals(0, pluginCalls.get(), "plugin services are lazy unless marked ALWAYS");

        assertEquals("a#1", registry.get(PLUGIN_NAME, Scope.plugin("a")));
        assertEquals("a#1", registry.get(PLUGIN_NAME, Scope.plugin("a")));
        assertEquals("b#2", registry.get(PLUGIN_NAME, Scope.plugin("b")));
        assertSame(registry.get(ROOT_NAME, Scope.ROOT), registry.get(ROOT_NAME, Scope.ROOT));
        assertEquals(1, rootCalls.get());
    }

    @Test
    void eagerPluginServicesAreCreatedForEveryPluginAndLazyRootServicesAreNot() {
        AtomicInteger pluginCalls = new AtomicInteger();
        AtomicInteger rootCalls = new AtomicInteger();
        registry.add(ServiceFactory.of(PLUGIN_NAME).initialization(ServiceFactory.Initialization.ALWAYS)
                .factory(deps -> "p" + pluginCalls.incrementAndGet()), ServiceSource.DEFAULT);
        registry.add(ServiceFactory.of(ROOT_NAME).initialization(ServiceFactory.Initialization.LAZY)
                .factory(deps -> "r" + rootCalls.incrementAndGet()), ServiceSource.DEFAULT);
        registry.instantiateEagerRootServices();
        registry.instantiateEagerPluginServices("a");
        registry.instantiateEagerPluginServices("b");
        assertEquals(0, rootCalls.get());
        assertEquals(2, pluginCalls.get());
    }

    @Test
    void concurrentRequestsCreateAnInstanceOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        registry.add(ServiceFactory.of(ROOT_NAME).factory(deps -> {
            calls.incrementAndGet();
            release.await(5, TimeUnit.SECONDS);
            return "slow";
        }), ServiceSource.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> registry.get(ROOT_NAME, Scope.ROOT)));
            }
            Thread.sleep(100); // give every thread the chance to ask while the first creation is blocked
            release.countDown();
            for (Future<Object> result : results) {
                assertEquals("slow", result.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls.get());
    }

    @Test
    void rootContextIsCreatedOncePerFactoryWithRootDepsAndSharedByPlugins() {
        AtomicInteger contexts = new AtomicInteger();
        registry.add(constant(ROOT_NAME, "shared"), ServiceSource.DEFAULT);
        registry.add(ServiceFactory.of(PLUGIN_NAME).deps(ROOT_NAME, CoreServices.PLUGIN_METADATA)
                .rootContext(rootDeps -> rootDeps.get(ROOT_NAME) + "-ctx" + contexts.incrementAndGet())
                .factory((deps, ctx) -> ctx + "/" + deps.get(CoreServices.PLUGIN_METADATA).getId()), ServiceSource.DEFAULT);
        assertEquals("shared-ctx1/a", registry.get(PLUGIN_NAME, Scope.plugin("a")));
        assertEquals("shared-ctx1/b", registry.get(PLUGIN_NAME, Scope.plugin("b")));
        assertEquals(1, contexts.get());
    }

    @Test
    void twoPluginsCreatingTheirInstancesWhileTheRootContextIsCreatedBothGetIt() throws Exception {
        CountDownLatch secondWaiting = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> second = new java.util.concurrent.atomic.AtomicReference<>();
        registry.add(constant(ROOT_NAME, "shared"), ServiceSource.DEFAULT);
        registry.add(ServiceFactory.of(PLUGIN_NAME).deps(ROOT_NAME, CoreServices.PLUGIN_METADATA)
                .rootContext(rootDeps -> {
                    // The other plugin asks for its instance while this root context is still being made:
                    // finish only once it is blocked, waiting for this one.
                    secondWaiting.await(5, TimeUnit.SECONDS);
                    dev.backline.runtime.Await.until("the second plugin to wait for the root context",
                            () -> second.get().getState(), state -> state != Thread.State.RUNNABLE);
                    return "ctx";
                })
                .factory((deps, ctx) -> ctx + "/" + deps.get(CoreServices.PLUGIN_METADATA).getId()), ServiceSource.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> a = pool.submit(() -> registry.get(PLUGIN_NAME, Scope.plugin("a")));
            Future<Object> b = pool.submit(() -> {
                second.set(Thread.currentThread());
                secondWaiting.countDown();
                return registry.get(PLUGIN_NAME, Scope.plugin("b"));
            });
            assertEquals("ctx/a", a.get(10, TimeUnit.SECONDS));
            assertEquals("ctx/b", b.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRootContextCannotAskForAPluginScopedDependency() {
        registry.add(ServiceFactory.of(PLUGIN_NAME).deps(CoreServices.PLUGIN_METADATA)
                .rootContext(rootDeps -> rootDeps.get(CoreServices.PLUGIN_METADATA).getId())
                .factory((deps, ctx) -> ctx), ServiceSource.DEFAULT);
        WiringException error = assertThrows(WiringException.class, () -> registry.get(PLUGIN_NAME, Scope.plugin("a")));
        assertTrue(error.getMessage().contains("'core.pluginMetadata', which it did not declare"), error.getMessage());
    }

    @Test
    void factoryFailuresAreWrappedWithServiceIdPluginIdAndCause() {
        ServiceRef<String> inner = ServiceRef.plugin("test.inner", String.class);
        registry.add(ServiceFactory.of(inner).factory(deps -> {
            throw new java.io.IOException("disk on fire");
        }), ServiceSource.DEFAULT);
        registry.add(ServiceFactory.of(PLUGIN_NAME).deps(inner).factory(deps -> deps.get(inner)), ServiceSource.DEFAULT);
        WiringException error = assertThrows(WiringException.class, () -> registry.get(PLUGIN_NAME, Scope.plugin("catalog")));
        assertEquals("Failed to instantiate service 'test.name' for plugin 'catalog': Failed to instantiate service "
                + "'test.inner' for plugin 'catalog': java.io.IOException: disk on fire", error.getMessage());
    }

    @Test
    void aFactoryWithMissingDependenciesNamesThemAll() {
        ServiceRef<String> m1 = ServiceRef.plugin("test.m1", String.class);
        ServiceRef<String> m2 = ServiceRef.root("test.m2", String.class);
        registry.add(ServiceFactory.of(PLUGIN_NAME).deps(m1, m2).factory(deps -> "x"), ServiceSource.DEFAULT);
        WiringException error = assertThrows(WiringException.class, () -> registry.get(PLUGIN_NAME, Scope.plugin("p")));
        assertEquals("Failed to instantiate service 'test.name' for plugin 'p' because the following dependent "
                + "services are missing: 'test.m1', 'test.m2'", error.getMessage());
    }

    @Test
    void discardingAPluginDropsOnlyItsInstances() {
        AtomicInteger calls = new AtomicInteger();
        registry.add(ServiceFactory.of(PLUGIN_NAME).factory(deps -> "v" + calls.incrementAndGet()), ServiceSource.DEFAULT);
        Object a = registry.get(PLUGIN_NAME, Scope.plugin("a"));
        Object b = registry.get(PLUGIN_NAME, Scope.plugin("b"));
        registry.discardPlugin("a");
        assertNotSame(a, registry.get(PLUGIN_NAME, Scope.plugin("a")));
        assertSame(b, registry.get(PLUGIN_NAME, Scope.plugin("b")));
    }
}
