package dev.backline.runtime.wiring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointFactoryContext;
import dev.backline.plugin.api.services.CoreServices;

/**
 * One start of one plugin: its eager plugin services, then its modules (a module providing an
 * extension point after every module consuming it; independent modules in parallel), then the
 * plugin's init, then its startup hooks. Failures are collected against the plugin or module they
 * belong to and judged by the boot-failure policy; a failing module does not stop its plugin.
 */
final class PluginBoot {

    private final PluginRegistrations registrations;
    private final ServiceRegistry registry;
    private final BootFailurePolicy policy;
    private final ExtensionPointOwners owners;
    private final PluginWork executor;
    private final String pluginId;
    private final Runnable configCheck;
    private final Map<String, StartupFailure> moduleFailures = new ConcurrentHashMap<>();
    private volatile StartupFailure pluginFailure;
    /** Modules whose init has returned or thrown, to name the ones still running when a start is abandoned. */
    private final java.util.Set<String> finishedModules = ConcurrentHashMap.newKeySet();
    /** What the start is doing now, for the message of a start that does not finish in time. */
    private volatile String phase = "checking its configuration";

    PluginBoot(PluginRegistrations registrations, ServiceRegistry registry, BootFailurePolicy policy,
            ExtensionPointOwners owners, PluginWork executor, Runnable configCheck) {
        this.registrations = registrations;
        this.configCheck = configCheck;
        this.registry = registry;
        this.policy = policy;
        this.owners = owners;
        this.executor = executor;
        this.pluginId = registrations.pluginId();
    }

    /** Runs the start on the calling thread, which should be one of {@code executor}'s. */
    PluginStartupResult run(Instant startedAt) {
        registrations.modules().stream()
                .filter(m -> m.error() != null && !m.duplicate())
                .forEach(m -> failModule(m.moduleId(), m.error()));
        try {
            registrations.pluginError().ifPresent(error -> {
                throw asRuntime(error);
            });
            FeatureRegistration plugin = registrations.plugin().orElseThrow();
            // Before anything of the plugin runs: a plugin must not start on configuration its schema rejects.
            configCheck.run();
            // Checked again here because a restart may bring new features or factories.
            registry.validate(registrations.all().stream().flatMap(r -> r.serviceDeps().stream()).toList());
            DependencyGraph<FeatureRegistration> modules = moduleGraph();
            executor.checkNotAbandoned(pluginId);
            phase = "creating its services";
            registry.instantiateEagerPluginServices(pluginId);
            phase = "initializing its modules";
            modules.runInParallel(executor, module -> CompletableFuture.runAsync(() -> initModule(module), executor)
                    .whenComplete((ignored, error) -> finishedModules.add(module.moduleId()))
                    .exceptionally(error -> {
                        failModule(module.moduleId(), unwrap(error));
                        return null;
                    }));
            // As in Backstage, the plugin's own dependencies are checked when its init is due, after its
            // modules ran, so that the modules' problems are reported too.
            checkPluginDependencies(plugin);
            executor.checkNotAbandoned(pluginId);
            phase = "running its init";
            initFeature(plugin, Map.of());
            executor.checkNotAbandoned(pluginId);
            phase = "running its startup hooks";
            runStartupHooks();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pluginFailure = new StartupFailure(new WiringException("The start of plugin '" + pluginId
                    + "' was interrupted while its modules initialized", e), policy.pluginFailureAllowed(pluginId));
        } catch (RuntimeException | Error e) {
            pluginFailure = new StartupFailure(unwrap(e), policy.pluginFailureAllowed(pluginId));
        } finally {
            registrations.all().forEach(FeatureRegistration::closeRegistrations);
        }
        return result(startedAt);
    }

    private void checkPluginDependencies(FeatureRegistration plugin) {
        List<ExtensionPoint<?>> extensionPoints = plugin.extensionPointDeps();
        if (!extensionPoints.isEmpty()) {
            throw new WiringException("Illegal dependency: plugin '" + pluginId + "' depends on extension point(s) "
                    + ids(extensionPoints) + "; plugins cannot depend on extension points, only modules can");
        }
        requireNoneMissing(plugin, registry.missing(plugin.serviceDeps()));
    }

    /** Modules ordered so that consumers of an extension point run before the module providing it. */
    private DependencyGraph<FeatureRegistration> moduleGraph() {
        List<DependencyGraph.Node<FeatureRegistration>> nodes = new ArrayList<>();
        for (FeatureRegistration module : registrations.all()) {
            if (module.moduleId() == null) {
                continue;
            }
            // Reversed on purpose: a consumer "provides" the ids it consumes, so the provider waits for it.
            nodes.add(new DependencyGraph.Node<>(module,
                    module.extensionPointDeps().stream().map(ExtensionPoint::id).collect(Collectors.toSet()),
                    module.extensionPoints().stream().map(p -> p.ref().id()).collect(Collectors.toSet())));
        }
        DependencyGraph<FeatureRegistration> graph = new DependencyGraph<>(nodes);
        List<List<FeatureRegistration>> cycles = graph.findCycles();
        if (!cycles.isEmpty()) {
            throw new WiringException("Circular dependencies detected among the modules of plugin '" + pluginId
                    + "':\n" + cycles.stream()
                            .map(cycle -> "  " + cycle.stream().map(m -> "'" + m.moduleId() + "'")
                                    .collect(Collectors.joining(" -> ")))
                            .collect(Collectors.joining("\n")));
        }
        return graph;
    }

    private void initModule(FeatureRegistration module) {
        executor.checkNotAbandoned(pluginId);
        Map<String, Object> extensionPoints = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>(registry.missing(module.serviceDeps()));
        for (ExtensionPoint<?> point : module.extensionPointDeps()) {
            Optional<FeatureRegistration.ProvidedExtensionPoint> provided = providedHere(point.id());
            if (provided.isPresent()) {
                extensionPoints.put(point.id(), implementationFor(module, point, provided.get()));
                continue;
            }
            Optional<ExtensionPointOwners.Owner> owner = owners.ownerOf(point.id());
            if (owner.isPresent()) {
                throw new WiringException("Illegal dependency: " + module.describe() + " depends on extension point '"
                        + point.id() + "', which belongs to " + owner.get().describe()
                        + "; modules can only use the extension points of their own plugin");
            }
            missing.add(point.id());
        }
        requireNoneMissing(module, missing);
        initFeature(module, extensionPoints);
    }

    private Optional<FeatureRegistration.ProvidedExtensionPoint> providedHere(String extensionPointId) {
        return registrations.all().stream()
                .flatMap(r -> r.extensionPoints().stream())
                .filter(p -> p.ref().id().equals(extensionPointId))
                .findFirst();
    }

    private Object implementationFor(FeatureRegistration module, ExtensionPoint<?> point,
            FeatureRegistration.ProvidedExtensionPoint provided) {
        Object implementation = provided.implementation();
        if (implementation == null) {
            try {
                implementation = provided.factory().create(new FactoryContext(module.moduleId()));
            } catch (Exception e) {
                throw new WiringException("Extension point '" + point.id() + "' failed to create an implementation for "
                        + module.describe() + ": " + ServiceRegistry.describe(e), e);
            }
        }
        if (!point.type().isInstance(implementation)) {
            throw new WiringException(
                    ResolvedDependencies.incompatibleType(capitalized(module.describe()), point, implementation,
                            registry.typeOrigin()));
        }
        return implementation;
    }

    private void initFeature(FeatureRegistration feature, Map<String, Object> extensionPoints) {
        String requester = capitalized(feature.describe());
        Map<String, Object> services = registry.instances(feature.serviceDeps(), pluginId);
        ResolvedDependencies deps = new ResolvedDependencies(requester, feature.deps(), services, extensionPoints,
                registry.typeOrigin());
        try {
            feature.init().init(deps);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new WiringException(requester + " init failed: " + ServiceRegistry.describe(e), e);
        } finally {
            feature.closeRegistrations();
        }
    }

    private void runStartupHooks() {
        if (registry.provides(CoreServices.LIFECYCLE)
                && registry.get(CoreServices.LIFECYCLE, Scope.plugin(pluginId)) instanceof PluginLifecycle lifecycle) {
            lifecycle.startup();
        }
    }

    private void requireNoneMissing(FeatureRegistration feature, List<String> missing) {
        if (!missing.isEmpty()) {
            throw new MissingDependenciesException("Service or extension point dependencies of " + feature.describe()
                    + " are missing for the following ref(s): " + ServiceRegistry.quoteAll(missing), missing);
        }
    }

    private void failModule(String moduleId, Throwable error) {
        moduleFailures.putIfAbsent(moduleId, new StartupFailure(error, policy.moduleFailureAllowed(pluginId, moduleId)));
    }

    /**
     * The result of a start that did not finish in time: the plugin fails with {@code error}; modules keep
     * the failures recorded so far.
     */
    PluginStartupResult abandoned(Instant startedAt, Throwable error) {
        for (FeatureRegistration module : registrations.all()) {
            if (module.moduleId() != null && "initializing its modules".equals(phase)
                    && !finishedModules.contains(module.moduleId())) {
                failModule(module.moduleId(), new WiringException("Module '" + module.moduleId() + "' for plugin '"
                        + pluginId + "' had not finished its init when the plugin's start was abandoned"));
            }
        }
        pluginFailure = new StartupFailure(error, policy.pluginFailureAllowed(pluginId));
        return result(startedAt);
    }

    /** What the start was doing, e.g. "running its init". */
    String phase() {
        return phase;
    }

    private PluginStartupResult result(Instant startedAt) {
        List<ModuleStartupResult> modules = new ArrayList<>();
        for (PluginRegistrations.ModuleEntry entry : registrations.modules()) {
            Optional<StartupFailure> failure = entry.duplicate()
                    ? Optional.of(new StartupFailure(entry.error(), policy.moduleFailureAllowed(pluginId, entry.moduleId())))
                    : Optional.ofNullable(moduleFailures.get(entry.moduleId()));
            modules.add(new ModuleStartupResult(entry.moduleId(), failure));
        }
        return new PluginStartupResult(pluginId, Optional.ofNullable(pluginFailure), modules, startedAt,
                Duration.between(startedAt, Instant.now()));
    }

    /** Lets an extension point's owner report a consuming module's failure later. */
    private final class FactoryContext implements ExtensionPointFactoryContext {
        private final String moduleId;

        FactoryContext(String moduleId) {
            this.moduleId = moduleId;
        }

        @Override
        public String pluginId() {
            return pluginId;
        }

        @Override
        public String moduleId() {
            return moduleId;
        }

        @Override
        public void reportModuleStartupFailure(Throwable error) {
            failModule(moduleId, error);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static RuntimeException asRuntime(Throwable error) {
        return error instanceof RuntimeException runtime ? runtime : new WiringException(error.toString(), error);
    }

    private static String ids(List<? extends ExtensionPoint<?>> points) {
        return ServiceRegistry.quoteAll(points.stream().map(ExtensionPoint::id).toList());
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
