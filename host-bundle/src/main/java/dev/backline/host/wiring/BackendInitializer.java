package dev.backline.host.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.FeatureIds;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.RootInstanceMetadataService.InstalledPlugin;

/**
 * Starts and stops a backend made of features and service factories, with the semantics of the
 * Backstage backend system: every feature registers, root services are created, all plugins start in
 * parallel (each with its modules first), root startup hooks run. Failures are collected and judged by
 * the boot-failure policy.
 *
 * <p>Beyond Backstage, one plugin with its modules can be stopped and started again while root services
 * and the other plugins keep running; the OSGi host does that when bundles come and go. Features can be
 * added and removed at any time; a change takes effect for a started backend when the affected plugin is
 * restarted ({@link #restartPlugin}).
 */
public final class BackendInitializer {

    private static final LoggerService SILENT = new LoggerService() {
        @Override
        public void log(LogLevel level, String message, Map<String, ?> fields, Throwable error) {
        }

        @Override
        public boolean isEnabled(LogLevel level) {
            return false;
        }

        @Override
        public LoggerService child(Map<String, ?> fields) {
            return this;
        }
    };

    /** The features of one plugin id and the state of their current run. */
    private static final class PluginRuntime {
        final String pluginId;
        final List<BackendFeature> plugins = new ArrayList<>();
        final List<BackendModule> modules = new ArrayList<>();
        volatile PluginState state;
        volatile PluginStartupResult lastStart;
        /** The registrations of the last start, for {@link #declarations}. */
        volatile PluginRegistrations lastRegistrations;

        PluginRuntime(String pluginId) {
            this.pluginId = pluginId;
        }

        boolean hasPlugin() {
            return !plugins.isEmpty();
        }
    }

    private final ServiceRegistry registry;
    private final ExecutorService executor = Threads.cachedPool("backline-start");
    private final ExtensionPointOwners owners = new ExtensionPointOwners();
    private final Map<String, PluginRuntime> plugins = new LinkedHashMap<>();
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final Duration progressFirstDelay;
    private final Duration progressMaxDelay;
    private final PluginConfigCheck configCheck;
    private volatile BackendState state = BackendState.NOT_STARTED;
    private volatile StartupResult lastResult;

    public BackendInitializer(ServiceRegistry registry) {
        this(registry, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** With custom intervals for the "still initializing" progress log (tests use short ones). */
    public BackendInitializer(ServiceRegistry registry, Duration progressFirstDelay, Duration progressMaxDelay) {
        this(registry, progressFirstDelay, progressMaxDelay, PluginConfigCheck.NONE);
    }

    /** With a check of each plugin's configuration at its start (the host's configuration schemas). */
    public BackendInitializer(ServiceRegistry registry, Duration progressFirstDelay, Duration progressMaxDelay,
            PluginConfigCheck configCheck) {
        this.registry = registry;
        this.progressFirstDelay = progressFirstDelay;
        this.progressMaxDelay = progressMaxDelay;
        this.configCheck = Objects.requireNonNull(configCheck, "configCheck");
    }

    public ServiceRegistry registry() {
        return registry;
    }

    public void addListener(BackendListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BackendListener listener) {
        listeners.remove(listener);
    }

    /**
     * Adds a plugin or module. Before start it simply joins the backend; after start, restart the
     * returned plugin id to apply it.
     *
     * @return the id of the plugin the feature is or extends
     */
    public synchronized String add(BackendFeature feature) {
        PluginRuntime runtime = plugins.computeIfAbsent(feature.pluginId(), PluginRuntime::new);
        if (feature instanceof BackendModule module) {
            runtime.modules.add(module);
        } else {
            runtime.plugins.add(feature);
        }
        if (runtime.state == null) {
            runtime.state = runtime.hasPlugin() ? PluginState.INSTALLED : PluginState.WAITING;
        } else if (runtime.state == PluginState.WAITING && runtime.hasPlugin()) {
            runtime.state = PluginState.INSTALLED;
        }
        return runtime.pluginId;
    }

    /**
     * Removes a feature added earlier. After start, restart the returned plugin id to apply it.
     *
     * @return the id of the plugin the feature was or extended, if it was here
     */
    public synchronized Optional<String> remove(BackendFeature feature) {
        PluginRuntime runtime = plugins.get(feature.pluginId());
        if (runtime == null || !(runtime.plugins.remove(feature) || runtime.modules.remove(feature))) {
            return Optional.empty();
        }
        return Optional.of(runtime.pluginId);
    }

    public BackendState state() {
        return state;
    }

    /** The result of the last backend start, if one ran. */
    public Optional<StartupResult> lastStartupResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Every known plugin id, including those only modules wait for. */
    public synchronized List<PluginStatus> plugins() {
        return plugins.values().stream()
                .map(r -> new PluginStatus(r.pluginId, r.state,
                        r.modules.stream().map(BackendModule::moduleId).toList(), Optional.ofNullable(r.lastStart)))
                .toList();
    }

    /** Every plugin and module added and not removed, including modules waiting for their plugin. */
    public synchronized List<BackendFeature> features() {
        List<BackendFeature> features = new ArrayList<>();
        plugins.values().forEach(r -> {
            features.addAll(r.plugins);
            features.addAll(r.modules);
        });
        return features;
    }

    /**
     * What the plugin and each of its installed modules declared at the plugin's last start (plugin first,
     * then modules in installation order); features added since, or whose registration failed, are listed
     * as not registered.
     *
     * @return empty for an unknown plugin id
     */
    public synchronized Optional<List<FeatureDeclaration>> declarations(String pluginId) {
        PluginRuntime runtime = plugins.get(pluginId);
        if (runtime == null) {
            return Optional.empty();
        }
        PluginRegistrations last = runtime.lastRegistrations;
        List<FeatureDeclaration> result = new ArrayList<>();
        for (BackendFeature plugin : runtime.plugins) {
            result.add(Optional.ofNullable(last).flatMap(PluginRegistrations::plugin)
                    .filter(r -> r.feature() == plugin)
                    .map(FeatureDeclaration::of)
                    .orElseGet(() -> FeatureDeclaration.unregistered(pluginId, null, plugin.getClass())));
        }
        for (BackendModule module : runtime.modules) {
            FeatureDeclaration declared = last == null ? null : last.modules().stream()
                    .map(PluginRegistrations.ModuleEntry::registration)
                    .filter(r -> r != null && r.feature() == module)
                    .findFirst().map(FeatureDeclaration::of).orElse(null);
            result.add(declared != null ? declared
                    : FeatureDeclaration.unregistered(pluginId, module.moduleId(), module.getClass()));
        }
        return Optional.of(List.copyOf(result));
    }

    /** The installed plugins and their modules; modules waiting for an absent plugin are not listed. */
    public synchronized List<InstalledPlugin> installedPlugins() {
        return plugins.values().stream()
                .filter(PluginRuntime::hasPlugin)
                .map(r -> new InstalledPlugin(r.pluginId, r.modules.stream().map(BackendModule::moduleId).toList()))
                .toList();
    }

    /**
     * Starts the backend.
     *
     * @return the startup result, when every failure (if any) is allowed by the policy
     * @throws BackendStartupException when a plugin or module failed in a way the policy does not allow;
     *                                 readiness stays down
     * @throws WiringException         when the backend as a whole cannot start: a service cycle, a scope
     *                                 violation, a root service failure or an invalid policy value
     */
    public StartupResult start() {
        List<PluginRuntime> runtimes;
        synchronized (this) {
            if (state != BackendState.NOT_STARTED) {
                throw new IllegalStateException("Backend has already been started (state " + state + ")");
            }
            setState(BackendState.STARTING);
            runtimes = plugins.values().stream().filter(PluginRuntime::hasPlugin).toList();
        }
        Map<PluginRuntime, PluginRegistrations> registered = new LinkedHashMap<>();
        Map<PluginRuntime, List<BackendFeature>> featuresOf = new LinkedHashMap<>();
        BootFailurePolicy policy;
        LoggerService logger;
        try {
            for (PluginRuntime runtime : runtimes) {
                featuresOf.put(runtime, featuresOf(runtime.plugins, runtime.modules));
                registered.put(runtime, PluginRegistrations.register(runtime.pluginId, runtime.plugins,
                        runtime.modules, owners));
            }
            registry.validate(serviceDeps(registered.values()));
            logger = rootLogger();
            warnAboutUnderscores(logger, registered.values());
            logWaitingModules(logger);
            policy = policy();
            checkPolicy(policy, registered.values());
            registry.instantiateEagerRootServices();
        } catch (RuntimeException e) {
            setState(BackendState.START_FAILED);
            throw e;
        }

        StartupProgressLogger progress = new StartupProgressLogger(logger, progressFirstDelay, progressMaxDelay);
        List<String> ids = runtimes.stream().map(r -> r.pluginId).toList();
        progress.started(ids);
        List<CompletableFuture<PluginStartupResult>> starts = new ArrayList<>();
        for (Map.Entry<PluginRuntime, PluginRegistrations> entry : registered.entrySet()) {
            PluginRuntime runtime = entry.getKey();
            starts.add(CompletableFuture.supplyAsync(() -> {
                synchronized (runtime) {
                    PluginStartupResult result = boot(runtime, entry.getValue(), featuresOf.get(runtime), policy);
                    progress.finished(runtime.pluginId, result.failure().isPresent());
                    return result;
                }
            }, executor));
        }
        StartupResult result = new StartupResult(starts.stream().map(CompletableFuture::join).toList());
        progress.completed(ids);
        lastResult = result;
        // Failures the policy allows do not fail the start, so nothing else reports their causes.
        result.plugins().forEach(plugin -> plugin.allowedFailureLines().forEach(logger::error));
        if (result.hasDisallowedFailure()) {
            setState(BackendState.START_FAILED);
            BackendStartupException failure = new BackendStartupException(result);
            logger.error(failure.getMessage());
            throw failure;
        }
        rootLifecycle().ifPresent(RootLifecycle::startup);
        setState(BackendState.STARTED);
        return result;
    }

    /**
     * Stops the backend: root before-shutdown hooks, then every plugin's shutdown hooks in parallel, then
     * root shutdown hooks.
     */
    public void stop() {
        List<PluginRuntime> runtimes;
        synchronized (this) {
            if (state == BackendState.STOPPING || state == BackendState.STOPPED) {
                return;
            }
            boolean started = state != BackendState.NOT_STARTED;
            setState(BackendState.STOPPING);
            if (!started) {
                setState(BackendState.STOPPED);
                executor.shutdown();
                return;
            }
            runtimes = List.copyOf(plugins.values());
        }
        Optional<RootLifecycle> rootLifecycle = rootLifecycle();
        rootLifecycle.ifPresent(RootLifecycle::beforeShutdown);
        CompletableFuture.allOf(runtimes.stream()
                .map(runtime -> CompletableFuture.runAsync(() -> {
                    synchronized (runtime) {
                        stopRuntime(runtime);
                    }
                }, executor))
                .toArray(CompletableFuture<?>[]::new)).join();
        rootLifecycle.ifPresent(RootLifecycle::shutdown);
        setState(BackendState.STOPPED);
        executor.shutdown();
    }

    /**
     * Stops one plugin with its modules (its shutdown hooks run, its plugin-scoped instances are dropped)
     * and starts it again with the features it has now. Root services and other plugins keep running.
     *
     * @return the result of the new start; empty when the plugin is no longer installed
     */
    public Optional<PluginStartupResult> restartPlugin(String pluginId) {
        PluginRuntime runtime = runningRuntime(pluginId);
        synchronized (runtime) {
            stopRuntime(runtime, true);
            return startRuntime(runtime);
        }
    }

    /** Stops one plugin and its modules; it stays stopped until {@link #startPlugin}. */
    public void stopPlugin(String pluginId) {
        PluginRuntime runtime = runningRuntime(pluginId);
        synchronized (runtime) {
            stopRuntime(runtime);
        }
    }

    /** Starts a stopped (or never started) plugin with its modules. */
    public Optional<PluginStartupResult> startPlugin(String pluginId) {
        PluginRuntime runtime = runningRuntime(pluginId);
        synchronized (runtime) {
            if (runtime.state == PluginState.STARTED) {
                return Optional.ofNullable(runtime.lastStart);
            }
            stopRuntime(runtime, true);
            return startRuntime(runtime);
        }
    }

    private PluginRuntime runningRuntime(String pluginId) {
        BackendState current = state;
        if (current != BackendState.STARTED && current != BackendState.START_FAILED) {
            throw new IllegalStateException("Cannot change plugin '" + pluginId + "' while the backend is " + current);
        }
        synchronized (this) {
            PluginRuntime runtime = plugins.get(pluginId);
            if (runtime == null) {
                throw new IllegalArgumentException("Unknown plugin '" + pluginId + "'; known plugins: "
                        + ServiceRegistry.quoteAll(plugins.keySet()));
            }
            return runtime;
        }
    }

    private Optional<PluginStartupResult> startRuntime(PluginRuntime runtime) {
        List<BackendFeature> pluginFeatures;
        List<BackendModule> moduleFeatures;
        synchronized (this) {
            if (!runtime.hasPlugin()) {
                if (runtime.modules.isEmpty()) {
                    setPluginState(runtime, PluginState.REMOVED);
                    plugins.remove(runtime.pluginId);
                } else {
                    setPluginState(runtime, PluginState.WAITING);
                    logWaiting(rootLogger(), runtime);
                }
                return Optional.empty();
            }
            pluginFeatures = List.copyOf(runtime.plugins);
            moduleFeatures = List.copyOf(runtime.modules);
        }
        PluginRegistrations registrations = PluginRegistrations.register(runtime.pluginId, pluginFeatures,
                moduleFeatures, owners);
        BootFailurePolicy policy = policy();
        rootLogger().info("Restarting plugin '" + runtime.pluginId + "'");
        return Optional.of(boot(runtime, registrations, featuresOf(pluginFeatures, moduleFeatures), policy));
    }

    private static List<BackendFeature> featuresOf(List<BackendFeature> pluginFeatures, List<BackendModule> moduleFeatures) {
        List<BackendFeature> features = new ArrayList<>(pluginFeatures);
        features.addAll(moduleFeatures);
        return List.copyOf(features);
    }

    private PluginStartupResult boot(PluginRuntime runtime, PluginRegistrations registrations,
            List<BackendFeature> features, BootFailurePolicy policy) {
        runtime.lastRegistrations = registrations;
        setPluginState(runtime, PluginState.STARTING);
        PluginStartupResult result = new PluginBoot(registrations, registry, policy, owners, executor,
                () -> configCheck.check(runtime.pluginId, features, () -> pluginConfig(runtime.pluginId))).run();
        runtime.lastStart = result;
        setPluginState(runtime, result.failure().isPresent() ? PluginState.FAILED : PluginState.STARTED);
        return result;
    }

    private void stopRuntime(PluginRuntime runtime) {
        stopRuntime(runtime, false);
    }

    /**
     * @param restarting true when a start follows at once: listeners then see STOPPING go straight to
     *                   STARTING, so HTTP can hold requests through the restart instead of refusing them
     */
    private void stopRuntime(PluginRuntime runtime, boolean restarting) {
        PluginState current = runtime.state;
        if (current == PluginState.STARTED || current == PluginState.FAILED || current == PluginState.STARTING) {
            setPluginState(runtime, PluginState.STOPPING);
            registry.existingInstance(CoreServices.LIFECYCLE, runtime.pluginId)
                    .filter(PluginLifecycle.class::isInstance)
                    .ifPresent(lifecycle -> ((PluginLifecycle) lifecycle).shutdown());
            registry.discardPlugin(runtime.pluginId);
            owners.releasePlugin(runtime.pluginId);
            if (!restarting) {
                setPluginState(runtime, PluginState.STOPPED);
            }
        }
    }

    private static Set<ServiceRef<?>> serviceDeps(java.util.Collection<PluginRegistrations> registrations) {
        return registrations.stream()
                .flatMap(r -> r.all().stream())
                .flatMap(r -> r.serviceDeps().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private synchronized void logWaitingModules(LoggerService logger) {
        plugins.values().stream().filter(r -> !r.hasPlugin() && !r.modules.isEmpty()).forEach(r -> logWaiting(logger, r));
    }

    private static void logWaiting(LoggerService logger, PluginRuntime runtime) {
        logger.info("Module(s) " + ServiceRegistry.quoteAll(runtime.modules.stream().map(BackendModule::moduleId).toList())
                + " waiting for plugin '" + runtime.pluginId + "', which is not installed");
    }

    private static void warnAboutUnderscores(LoggerService logger, java.util.Collection<PluginRegistrations> registrations) {
        for (PluginRegistrations plugin : registrations) {
            if (FeatureIds.usesUnderscore(plugin.pluginId())) {
                logger.warn("Plugin id '" + plugin.pluginId() + "' uses '_'; the stricter id convention allows only '-'");
            }
            plugin.modules().stream().map(PluginRegistrations.ModuleEntry::moduleId).filter(FeatureIds::usesUnderscore)
                    .forEach(id -> logger.warn("Module id '" + id + "' of plugin '" + plugin.pluginId()
                            + "' uses '_'; the stricter id convention allows only '-'"));
        }
    }

    /** Reads every policy setting that applies, so a bad value fails the start up front, naming its key. */
    private static void checkPolicy(BootFailurePolicy policy, java.util.Collection<PluginRegistrations> registrations) {
        for (PluginRegistrations plugin : registrations) {
            policy.pluginFailureAllowed(plugin.pluginId());
            plugin.modules().forEach(m -> policy.moduleFailureAllowed(plugin.pluginId(), m.moduleId()));
        }
    }

    private BootFailurePolicy policy() {
        Config config = registry.provides(CoreServices.ROOT_CONFIG)
                ? (Config) registry.get(CoreServices.ROOT_CONFIG, null)
                : null;
        return new BootFailurePolicy(config);
    }

    /** The plugin's configuration view, or the root configuration when no plugin view is provided. */
    private Config pluginConfig(String pluginId) {
        if (registry.provides(CoreServices.CONFIG)) {
            return (Config) registry.get(CoreServices.CONFIG, pluginId);
        }
        return registry.provides(CoreServices.ROOT_CONFIG) ? (Config) registry.get(CoreServices.ROOT_CONFIG, null) : null;
    }

    private LoggerService rootLogger() {
        return registry.provides(CoreServices.ROOT_LOGGER)
                ? (LoggerService) registry.get(CoreServices.ROOT_LOGGER, null)
                : SILENT;
    }

    private Optional<RootLifecycle> rootLifecycle() {
        if (!registry.provides(CoreServices.ROOT_LIFECYCLE)) {
            return Optional.empty();
        }
        try {
            Object lifecycle = registry.get(CoreServices.ROOT_LIFECYCLE, null);
            if (lifecycle instanceof RootLifecycle root) {
                return Optional.of(root);
            }
            rootLogger().warn("The root lifecycle service is a " + lifecycle.getClass().getName()
                    + ", not the backend's own; its hooks are run by that implementation, not by the backend");
        } catch (RuntimeException e) {
            rootLogger().error("The root lifecycle service is not available; root hooks do not run", e);
        }
        return Optional.empty();
    }

    private void setState(BackendState newState) {
        state = newState;
        listeners.forEach(l -> l.backendStateChanged(newState));
    }

    private void setPluginState(PluginRuntime runtime, PluginState newState) {
        runtime.state = newState;
        listeners.forEach(l -> l.pluginStateChanged(runtime.pluginId, newState));
    }
}
