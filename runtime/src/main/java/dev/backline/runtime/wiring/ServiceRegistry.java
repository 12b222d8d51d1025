package dev.backline.runtime.wiring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.ServiceScope;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.PluginMetadataService;

/**
 * Holds the service factories of a backend and the instances they created: root instances once per
 * backend, plugin instances once per plugin. Chooses among factories by precedence
 * ({@link ServiceSource}), checks scopes, missing dependencies and cycles, and creates each instance
 * exactly once even when several threads ask for it at the same time.
 *
 * <p>Factories may be added and removed while the backend runs, as long as no live instance came from
 * the factory being replaced: the caller stops the plugins that use a service
 * ({@link #pluginsUsing}) before it changes that service's factories.
 */
public final class ServiceRegistry {

    private record Entry(ServiceFactory<?> factory, ServiceSource source, long order) {
    }

    private static final Comparator<Entry> PRECEDENCE = Comparator
            .comparingInt((Entry e) -> switch (e.source()) {
                case EXPLICIT -> 0;
                case LOADED -> 1;
                case DEFAULT -> 2;
            })
            .thenComparingLong(Entry::order);

    private static final Comparator<Entry> MULTITON_ORDER = Comparator
            .comparingInt((Entry e) -> e.source().ordinal())
            .thenComparingLong(Entry::order);

    private final Map<String, List<Entry>> factories = new HashMap<>();
    private final Map<String, ServiceFactory<?>> refDefaults = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final TypeOrigin typeOrigin;

    // Instances are keyed by the factory that made them: a multiton has one per factory.
    private final ConcurrentMap<ServiceFactory<?>, CompletableFuture<Object>> rootInstances = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<ServiceFactory<?>, CompletableFuture<Object>>> pluginInstances =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<RootContextOf, CompletableFuture<Object>> rootContexts = new ConcurrentHashMap<>();

    /**
     * The key of a factory's root context: not the factory itself, which keys its instances, so that a thread
     * creating one plugin's instance is not taken for a cycle when another thread creates the root context.
     */
    private record RootContextOf(ServiceFactory<?> factory) {
    }

    /** Who provided each factory (e.g. the bundle that registered it), where the caller said so. */
    private final Map<ServiceFactory<?>, String> origins = new java.util.IdentityHashMap<>();

    public ServiceRegistry(TypeOrigin typeOrigin) {
        this.typeOrigin = typeOrigin;
    }

    TypeOrigin typeOrigin() {
        return typeOrigin;
    }

    /**
     * Adds a factory.
     *
     * @throws WiringException when it would override {@code core.pluginMetadata}, duplicate an explicit
     *                         singleton factory, replace a service already instantiated, or close a
     *                         dependency cycle
     */
    public synchronized void add(ServiceFactory<?> factory, ServiceSource source) {
        add(factory, source, null);
    }

    /**
     * Adds a factory and says who provided it ({@code origin}, e.g. "bundle dev.backline.database 0.1.0 [19]"),
     * for operators; see {@link #add(ServiceFactory, ServiceSource)}.
     */
    public synchronized void add(ServiceFactory<?> factory, ServiceSource source, String origin) {
        ServiceRef<?> ref = factory.service();
        String id = ref.id();
        if (id.equals(CoreServices.PLUGIN_METADATA.id())) {
            throw new WiringException("The '" + id + "' service cannot be overridden");
        }
        List<Entry> entries = factories.computeIfAbsent(id, k -> new ArrayList<>());
        if (!ref.multiton() && source == ServiceSource.EXPLICIT
                && entries.stream().anyMatch(e -> e.source() == ServiceSource.EXPLICIT)) {
            throw new WiringException("Duplicate service implementations provided for '" + id + "'");
        }
        requireNotInstantiated(id, "set");
        entries.add(new Entry(factory, source, order.incrementAndGet()));
        List<String> cycles = cycleDescriptions(List.of());
        if (!cycles.isEmpty()) {
            entries.removeIf(e -> e.factory() == factory);
            throw new WiringException("Service factory for '" + id + "' would create circular dependencies:\n"
                    + String.join("\n", cycles));
        }
        if (origin != null) {
            origins.put(factory, origin);
        }
    }

    /** Removes a factory added earlier; a no-op for one that is not here. */
    public synchronized void remove(ServiceFactory<?> factory) {
        String id = factory.service().id();
        List<Entry> entries = factories.get(id);
        if (entries == null || entries.stream().noneMatch(e -> e.factory() == factory)) {
            return;
        }
        requireNotInstantiated(id, "remove");
        entries.removeIf(e -> e.factory() == factory);
        origins.remove(factory);
    }

    private void requireNotInstantiated(String id, String verb) {
        if (hasInstanceOf(rootInstances, id) || !pluginsUsing(id).isEmpty()) {
            throw new WiringException("Unable to " + verb + " service factory with id '" + id
                    + "', service has already been instantiated"
                    + (pluginsUsing(id).isEmpty() ? "" : " for plugin(s) " + quoteAll(pluginsUsing(id))));
        }
    }

    /** The plugins holding an instance of the service, directly or as a dependency of another. */
    public Set<String> pluginsUsing(String serviceId) {
        return pluginInstances.entrySet().stream()
                .filter(e -> hasInstanceOf(e.getValue(), serviceId))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static boolean hasInstanceOf(Map<ServiceFactory<?>, ?> cache, String serviceId) {
        return cache.keySet().stream().anyMatch(f -> f.service().id().equals(serviceId));
    }

    /** The ref of every service that has a factory here, ordered by id: what an operator can look up. */
    public synchronized List<ServiceRef<?>> registeredRefs() {
        Map<String, ServiceRef<?>> refs = new java.util.TreeMap<>();
        factories.forEach((id, entries) -> entries.stream().findFirst()
                .ifPresent(e -> refs.put(id, e.factory().service())));
        return List.copyOf(refs.values());
    }

    /** True when any factory, or the ref's own default, provides the service. */
    public boolean provides(ServiceRef<?> ref) {
        return ref.id().equals(CoreServices.PLUGIN_METADATA.id()) || !factoriesFor(ref).isEmpty();
    }

    /**
     * The factories in effect for a ref: the winning one for a singleton, every one in order for a
     * multiton; the ref's default factory when nothing else provides it.
     */
    public synchronized List<ServiceFactory<?>> factoriesFor(ServiceRef<?> ref) {
        List<Entry> entries = factories.getOrDefault(ref.id(), List.of());
        if (!entries.isEmpty()) {
            if (ref.multiton()) {
                return entries.stream().sorted(MULTITON_ORDER).map(Entry::factory).collect(Collectors.toList());
            }
            return List.of(entries.stream().min(PRECEDENCE).orElseThrow().factory());
        }
        return refDefault(ref).<List<ServiceFactory<?>>>map(List::of).orElse(List.of());
    }

    /** Who provided the factory in effect (the first, for a multiton), when that was said when adding it. */
    public synchronized Optional<String> originOf(ServiceRef<?> ref) {
        List<ServiceFactory<?>> effective = factoriesFor(ref);
        return effective.isEmpty() ? Optional.empty() : Optional.ofNullable(origins.get(effective.get(0)));
    }

    /** Where the factory in effect for a singleton ref comes from; empty for a ref default or none. */
    public synchronized Optional<ServiceSource> sourceOf(ServiceRef<?> ref) {
        return factories.getOrDefault(ref.id(), List.of()).stream().min(PRECEDENCE).map(Entry::source);
    }

    private Optional<ServiceFactory<?>> refDefault(ServiceRef<?> ref) {
        ServiceFactory<?> known = refDefaults.get(ref.id());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<? extends ServiceFactory<?>> created = ref.defaultFactory();
        created.ifPresent(f -> refDefaults.putIfAbsent(ref.id(), f));
        return Optional.ofNullable(refDefaults.get(ref.id()));
    }

    /** Ids among {@code deps} that nothing provides; multitons are never missing. */
    public List<String> missing(Collection<? extends ServiceRef<?>> deps) {
        return deps.stream()
                .filter(dep -> !dep.multiton() && !provides(dep))
                .map(ServiceRef::id)
                .distinct()
                .collect(Collectors.toList());
    }

    /**
     * Checks every factory reachable from the registered ones and from {@code requested}, before
     * anything is instantiated: no cycles, and no root factory depending on a plugin-scoped service.
     *
     * @throws WiringException listing every cycle (one per line) or scope violation found
     */
    public synchronized void validate(Collection<? extends ServiceRef<?>> requested) {
        List<String> cycles = cycleDescriptions(requested);
        if (!cycles.isEmpty()) {
            throw new WiringException("Circular dependencies detected:\n" + String.join("\n", cycles));
        }
        List<String> scopeErrors = new ArrayList<>();
        for (ServiceFactory<?> factory : reachableFactories(requested)) {
            scopeError(factory).ifPresent(scopeErrors::add);
        }
        if (!scopeErrors.isEmpty()) {
            throw new WiringException(String.join("\n", scopeErrors));
        }
    }

    private Optional<String> scopeError(ServiceFactory<?> factory) {
        if (factory.service().scope() != ServiceScope.ROOT) {
            return Optional.empty();
        }
        return factory.deps().stream()
                .filter(dep -> scopeOf(dep) == ServiceScope.PLUGIN)
                .findFirst()
                .map(dep -> "Failed to instantiate 'root' scoped service '" + factory.service().id()
                        + "' because it depends on 'plugin' scoped service '" + dep.id() + "'");
    }

    /** The scope a dependency resolves in: its factory's, or the ref's when nothing provides it. */
    private ServiceScope scopeOf(ServiceRef<?> ref) {
        List<ServiceFactory<?>> found = factoriesFor(ref);
        return found.isEmpty() ? ref.scope() : found.get(0).service().scope();
    }

    private List<String> cycleDescriptions(Collection<? extends ServiceRef<?>> requested) {
        List<DependencyGraph.Node<String>> nodes = new ArrayList<>();
        for (ServiceFactory<?> factory : reachableFactories(requested)) {
            nodes.add(new DependencyGraph.Node<>(factory.service().id(), Set.of(factory.service().id()),
                    factory.deps().stream().map(ServiceRef::id).collect(Collectors.toSet())));
        }
        return new DependencyGraph<>(nodes).findCycles().stream()
                .map(cycle -> "  " + cycle.stream().map(id -> "'" + id + "'").collect(Collectors.joining(" -> ")))
                .distinct()
                .collect(Collectors.toList());
    }

    /** The factories in effect for every registered id and every ref reachable from {@code requested}. */
    private List<ServiceFactory<?>> reachableFactories(Collection<? extends ServiceRef<?>> requested) {
        Map<String, ServiceRef<?>> refs = new LinkedHashMap<>();
        for (List<Entry> entries : factories.values()) {
            entries.forEach(e -> refs.putIfAbsent(e.factory().service().id(), e.factory().service()));
        }
        requested.forEach(ref -> refs.putIfAbsent(ref.id(), ref));
        List<ServiceFactory<?>> result = new ArrayList<>();
        Set<ServiceFactory<?>> seen = new HashSet<>();
        List<ServiceRef<?>> queue = new ArrayList<>(refs.values());
        Set<String> queued = new HashSet<>(refs.keySet());
        for (int i = 0; i < queue.size(); i++) {
            for (ServiceFactory<?> factory : factoriesFor(queue.get(i))) {
                if (seen.add(factory)) {
                    result.add(factory);
                    for (ServiceRef<?> dep : factory.deps()) {
                        if (queued.add(dep.id())) {
                            queue.add(dep);
                        }
                    }
                }
            }
        }
        return result;
    }

    /** Creates every root service that is not lazy. */
    public void instantiateEagerRootServices() {
        for (ServiceFactory<?> factory : currentFactories(ServiceScope.ROOT)) {
            if (factory.initialization() == ServiceFactory.Initialization.ALWAYS) {
                lookup(factory.service(), null);
            }
        }
    }

    /** Creates, for one plugin, every plugin-scoped service marked {@code ALWAYS}. */
    public void instantiateEagerPluginServices(String pluginId) {
        for (ServiceFactory<?> factory : currentFactories(ServiceScope.PLUGIN)) {
            if (factory.initialization() == ServiceFactory.Initialization.ALWAYS) {
                lookup(factory.service(), pluginId);
            }
        }
    }

    private synchronized List<ServiceFactory<?>> currentFactories(ServiceScope scope) {
        Set<ServiceRef<?>> refs = new LinkedHashSet<>();
        factories.values().stream()
                .flatMap(List::stream)
                .sorted(Comparator.comparingLong(Entry::order))
                .filter(e -> e.factory().service().scope() == scope)
                .forEach(e -> refs.add(e.factory().service()));
        Map<String, ServiceRef<?>> byId = new LinkedHashMap<>();
        refs.forEach(ref -> byId.putIfAbsent(ref.id(), ref));
        return byId.values().stream().map(this::factoriesFor).flatMap(List::stream).distinct()
                .collect(Collectors.toList());
    }

    /** The instance of a singleton service that already exists in a scope, without creating one. */
    public <T> Optional<T> existingInstance(ServiceRef<T> ref, Scope scope) {
        return existingInstance(ref, scope.pluginId().orElse(null)).map(ref.type()::cast);
    }

    private Optional<Object> existingInstance(ServiceRef<?> ref, String pluginId) {
        Map<ServiceFactory<?>, CompletableFuture<Object>> cache = pluginId == null
                ? rootInstances
                : pluginInstances.getOrDefault(pluginId, new ConcurrentHashMap<>());
        return cache.entrySet().stream()
                .filter(e -> e.getKey().service().id().equals(ref.id()))
                .map(Map.Entry::getValue)
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .findFirst();
    }

    /** Drops every plugin-scoped instance of a stopped plugin; the next start creates new ones. */
    public void discardPlugin(String pluginId) {
        pluginInstances.remove(pluginId);
    }

    /**
     * The instance of a singleton service in a scope.
     *
     * @throws WiringException when nothing provides it, or its factory (or one of its dependencies')
     *                         fails; the message names the service and the plugin
     * @throws IllegalArgumentException when {@code ref} is a multiton ({@link #getAll})
     */
    public <T> T get(ServiceRef<T> ref, Scope scope) {
        if (ref.multiton()) {
            throw new IllegalArgumentException("'" + ref.id() + "' is a multiton service: use getAll");
        }
        return ref.type().cast(lookup(ref, scope.pluginId().orElse(null)));
    }

    /**
     * Every instance of a multiton service in a scope, in registration order.
     *
     * @throws WiringException when a factory (or one of its dependencies') fails
     * @throws IllegalArgumentException when {@code ref} is a singleton ({@link #get})
     */
    public <T> List<T> getAll(ServiceRef<T> ref, Scope scope) {
        if (!ref.multiton()) {
            throw new IllegalArgumentException("'" + ref.id() + "' is a singleton service: use get");
        }
        return ((List<?>) lookup(ref, scope.pluginId().orElse(null))).stream().map(ref.type()::cast).toList();
    }

    /**
     * The instance of {@code ref} for a plugin, or for the root scope when {@code pluginId} is null: the instance
     * for a singleton, a {@code List} of instances for a multiton. Inside the registry only; callers pass a
     * {@link Scope}.
     */
    private Object lookup(ServiceRef<?> ref, String pluginId) {
        if (ref.id().equals(CoreServices.PLUGIN_METADATA.id())) {
            return pluginMetadata(pluginId);
        }
        List<ServiceFactory<?>> found = factoriesFor(ref);
        if (ref.multiton()) {
            List<Object> all = new ArrayList<>();
            for (ServiceFactory<?> factory : found) {
                all.add(instance(factory, pluginId));
            }
            return List.copyOf(all);
        }
        if (found.isEmpty()) {
            throw new WiringException("No service available for '" + ref.id() + "'"
                    + (pluginId == null ? "" : " requested by plugin '" + pluginId + "'"));
        }
        return instance(found.get(0), pluginId);
    }

    private Object pluginMetadata(String pluginId) {
        if (pluginId == null) {
            throw new WiringException("'" + CoreServices.PLUGIN_METADATA.id()
                    + "' is plugin scoped and cannot be used by a root service");
        }
        return (PluginMetadataService) () -> pluginId;
    }

    private Object instance(ServiceFactory<?> factory, String pluginId) {
        boolean root = factory.service().scope() == ServiceScope.ROOT;
        if (!root && pluginId == null) {
            throw new WiringException("Plugin scoped service '" + factory.service().id()
                    + "' cannot be used by a root service");
        }
        ConcurrentMap<ServiceFactory<?>, CompletableFuture<Object>> cache =
                root ? rootInstances : pluginInstances.computeIfAbsent(pluginId, k -> new ConcurrentHashMap<>());
        return once(cache, factory, () -> create(factory, root ? null : pluginId));
    }

    private Object create(ServiceFactory<?> factory, String pluginId) {
        String id = factory.service().id();
        String target = pluginId == null ? "root service '" + id + "'" : "service '" + id + "' for plugin '" + pluginId + "'";
        List<String> missing = missing(factory.deps());
        if (!missing.isEmpty()) {
            throw new WiringException("Failed to instantiate " + target
                    + " because the following dependent services are missing: " + quoteAll(missing));
        }
        scopeError(factory).ifPresent(message -> {
            throw new WiringException(message);
        });
        try {
            Map<String, Object> instances = instances(factory.deps(), pluginId);
            if (pluginId != null && instances.get(CoreServices.LIFECYCLE.id()) instanceof PluginLifecycle lifecycle) {
                // The service's shutdown hooks run after those of what depends on it, the plugin's included.
                instances.put(CoreServices.LIFECYCLE.id(), lifecycle.forService(id));
            }
            ResolvedDependencies deps = new ResolvedDependencies(target, new ArrayList<>(factory.deps()), instances,
                    Map.of(), typeOrigin);
            Object rootContext = null;
            if (factory.hasRootContext()) {
                rootContext = once(rootContexts, new RootContextOf(factory), () -> {
                    List<ServiceRef<?>> rootDeps = factory.deps().stream()
                            .filter(dep -> scopeOf(dep) == ServiceScope.ROOT)
                            .collect(Collectors.toList());
                    ResolvedDependencies resolvedRootDeps = resolve("root context of service '" + id + "'", rootDeps, null);
                    return call(() -> factory.createRootContext(resolvedRootDeps));
                });
            }
            Object context = rootContext;
            Object instance = call(() -> factory.create(deps, context));
            if (instance == null) {
                throw new WiringException("Service factory for '" + id + "' returned null");
            }
            return instance;
        } catch (RuntimeException e) {
            throw new WiringException("Failed to instantiate " + target + ": " + describe(e), e);
        }
    }

    /** Resolves declared service dependencies for a requester; {@code pluginId} null for root. */
    ResolvedDependencies resolve(String requester, List<? extends ServiceRef<?>> deps, String pluginId) {
        return new ResolvedDependencies(requester, new ArrayList<>(deps), instances(deps, pluginId), Map.of(), typeOrigin);
    }

    /** The instances of {@code deps} by id, each in the scope its factory has. */
    Map<String, Object> instances(List<? extends ServiceRef<?>> deps, String pluginId) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ServiceRef<?> dep : deps) {
            values.put(dep.id(), lookup(dep, scopeOf(dep) == ServiceScope.ROOT ? null : pluginId));
        }
        return values;
    }

    @FunctionalInterface
    private interface Creator {
        Object create() throws Exception;
    }

    private static Object call(Creator creator) {
        try {
            return creator.create();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** What the current thread is creating, so that a cycle missed by validation fails instead of hanging. */
    private static final ThreadLocal<Set<Object>> CREATING = ThreadLocal.withInitial(HashSet::new);

    /** Creates the value for {@code key} once; concurrent callers wait for the first one's result. */
    private static <K> Object once(ConcurrentMap<K, CompletableFuture<Object>> cache, K key,
            java.util.function.Supplier<Object> creator) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            CREATING.get().add(key);
            try {
                mine.complete(creator.get());
            } catch (RuntimeException | LinkageError e) {
                mine.completeExceptionally(e);
            } finally {
                CREATING.get().remove(key);
            }
            existing = mine;
        } else if (!existing.isDone() && CREATING.get().contains(key)) {
            throw new WiringException("Circular dependency: " + key + " depends on itself while being created");
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new WiringException(cause.toString(), cause);
        }
    }

    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WiringException) {
            return cause.getMessage();
        }
        return cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    static String quoteAll(Collection<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }
}
