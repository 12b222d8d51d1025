package dev.backline.runtime.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.backline.runtime.config.ConfigDurations;

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

    /** Default of {@code backend.startup.pluginTimeout}: how long one plugin may take to start. */
    public static final Duration DEFAULT_PLUGIN_TIMEOUT = Duration.ofSeconds(60);
    /** Default of {@code backend.lifecycle.shutdownTimeout}: how long each stop phase waits for its hooks. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** The features of one plugin id and the state of their current run. */
    private static final class PluginRuntime {
        final String pluginId;
        final List<BackendFeature> plugins = new ArrayList<>();
        final List<BackendModule> modules = new ArrayList<>();
        /** Copies of the plugin refused because one with this id was already serving; the first takes over if it leaves. */
        final List<BackendFeature> refused = new ArrayList<>();
        volatile PluginState state;
        volatile PluginStartupResult lastStart;
        /** Counts the changes to this plugin (features added or removed, {@link #markChanged}); guarded by the initializer. */
        long changes;
        /** The value of {@link #changes} the latest start took its features at; -1 before any. */
        volatile long changesStarted = -1;
        /** The registrations of the last start, for {@link #declarations}. */
        volatile PluginRegistrations lastRegistrations;
        /** The start in progress, if any, so that a backend stop can cut it short. */
        volatile Runnable abandonStart;
        /** The last start or stop asked for: the next one runs once it has finished. Guarded by this. */
        private CompletableFuture<?> queue = CompletableFuture.completedFuture(null);

        private final PluginSlots slots;

        PluginRuntime(String pluginId, PluginSlots slots) {
            this.pluginId = pluginId;
            this.slots = slots;
        }

        boolean hasPlugin() {
            return !plugins.isEmpty();
        }

        /** Whether a start or stop of this plugin is under way or queued. */
        synchronized boolean busy() {
            return !queue.isDone();
        }

        /**
         * Runs {@code operation} after every start or stop of this plugin asked for earlier, whatever their
         * outcome: one plugin is never started and stopped at the same time. It then waits for a slot: only so
         * many plugins start or stop at once.
         */
        synchronized <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> operation) {
            CompletableFuture<T> next = queue.handle((ignored, error) -> null).thenCompose(ignored -> slots.run(operation));
            queue = next;
            return next;
        }
    }

    private final ServiceRegistry registry;
    /** Runs plugin code: registrations, services, modules, inits, hooks. Never the caller's thread. */
    private final ExecutorService executor = Threads.cachedPool("backline-plugin");
    /** Fires time limits of plugin starts; runs no plugin code. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.factory("backline-timer"));
    /**
     * How many plugin starts and stops run at once; one that takes longer than the hold limit lets the next one
     * go (see {@link PluginSlots}).
     */
    private final PluginSlots slots = new PluginSlots(PluginSlots.forProcessors(Runtime.getRuntime().availableProcessors()),
            Duration.ofMillis(500), executor, timer);
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
     * <p>A plugin whose id another plugin already has is handled as the spec says for the first start
     * (both fail); once the backend has started, the newcomer is refused instead, logged, and the plugin
     * serving keeps serving. A refused copy takes over when the serving one is removed.
     *
     * @return the id of the plugin the feature is or extends; empty when the feature was refused
     */
    public Optional<String> add(BackendFeature feature) {
        String refusal;
        synchronized (this) {
            PluginRuntime runtime = plugins.computeIfAbsent(feature.pluginId(), id -> new PluginRuntime(id, slots));
            runtime.changes++;
            if (feature instanceof BackendModule module) {
                runtime.modules.add(module);
            } else if (runtime.hasPlugin() && state != BackendState.NOT_STARTED) {
                runtime.refused.add(feature);
                refusal = "Plugin '" + runtime.pluginId + "' is already registered; the copy from "
                        + registry.typeOrigin().describe(feature.getClass()) + " is refused and the plugin from "
                        + registry.typeOrigin().describe(runtime.plugins.get(0).getClass()) + " keeps serving";
                return refused(refusal);
            } else {
                runtime.plugins.add(feature);
            }
            if (runtime.state == null) {
                runtime.state = runtime.hasPlugin() ? PluginState.INSTALLED : PluginState.WAITING;
            } else if (runtime.state == PluginState.WAITING && runtime.hasPlugin()) {
                runtime.state = PluginState.INSTALLED;
            }
            return Optional.of(runtime.pluginId);
        }
    }

    private Optional<String> refused(String message) {
        rootLogger().error(message);
        return Optional.empty();
    }

    /**
     * Removes a feature added earlier. After start, restart the returned plugin id to apply it.
     *
     * @return the id of the plugin the feature was or extended, if it was here (and not a refused copy)
     */
    public synchronized Optional<String> remove(BackendFeature feature) {
        PluginRuntime runtime = plugins.get(feature.pluginId());
        if (runtime == null || runtime.refused.remove(feature)) {
            return Optional.empty();
        }
        if (!(runtime.plugins.remove(feature) || runtime.modules.remove(feature))) {
            return Optional.empty();
        }
        runtime.changes++;
        if (!runtime.hasPlugin() && !runtime.refused.isEmpty()) {
            BackendFeature successor = runtime.refused.remove(0);
            runtime.plugins.add(successor);
            rootLogger().info("Plugin '" + runtime.pluginId + "' from " + registry.typeOrigin().describe(successor.getClass())
                    + ", refused earlier as a duplicate, takes the place of the one removed");
        }
        return Optional.of(runtime.pluginId);
    }

    public BackendState state() {
        return state;
    }

    /**
     * Records a change that the plugin must restart for but that is no feature coming or going (its configuration,
     * a service factory it uses): {@link #needsRestart} is true until a start has taken it in.
     */
    public synchronized void markChanged(String pluginId) {
        PluginRuntime runtime = plugins.get(pluginId);
        if (runtime != null) {
            runtime.changes++;
        }
    }

    /**
     * Whether the plugin has changes its latest start has not taken in (a start takes its features when it begins,
     * so changes made while a restart was queued are usually in it already). False for a plugin no longer known:
     * nothing of it is left to restart.
     */
    public synchronized boolean needsRestart(String pluginId) {
        PluginRuntime runtime = plugins.get(pluginId);
        return runtime != null && runtime.changesStarted < runtime.changes;
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

    /**
     * The failed plugins whose last start, or a module's, failed for want of the service or extension point
     * {@code id}: those to start again when it arrives.
     */
    public synchronized java.util.Set<String> pluginsMissing(String id) {
        java.util.Set<String> waiting = new java.util.TreeSet<>();
        for (PluginRuntime runtime : plugins.values()) {
            PluginStartupResult last = runtime.lastStart;
            if (runtime.state != PluginState.FAILED || last == null) {
                continue;
            }
            java.util.stream.Stream<StartupFailure> failures = java.util.stream.Stream.concat(last.failure().stream(),
                    last.modules().stream().flatMap(module -> module.failure().stream()));
            if (failures.anyMatch(failure -> missed(failure.error(), id))) {
                waiting.add(runtime.pluginId);
            }
        }
        return waiting;
    }

    private static boolean missed(Throwable error, String id) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingDependenciesException missing && missing.missing().contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** The plugins with a start or stop under way or queued, sorted. */
    public synchronized List<String> busyPlugins() {
        return plugins.values().stream().filter(PluginRuntime::busy).map(r -> r.pluginId).sorted().toList();
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
     * Starts the backend, waiting until every plugin has started, failed, or passed its time limit
     * ({@code backend.startup.pluginTimeout}). Plugin code runs on the backend's own threads, never on
     * the caller's.
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
        Duration limit;
        try {
            limit = pluginTimeout();
            // One plugin after the other, as installed: the first to register an extension point id owns it.
            for (PluginRuntime runtime : runtimes) {
                List<BackendFeature> pluginFeatures;
                List<BackendModule> moduleFeatures;
                synchronized (this) {
                    pluginFeatures = List.copyOf(runtime.plugins);
                    moduleFeatures = List.copyOf(runtime.modules);
                    runtime.changesStarted = runtime.changes;
                }
                featuresOf.put(runtime, featuresOf(pluginFeatures, moduleFeatures));
                registered.put(runtime, registerAsync(runtime.pluginId, pluginFeatures, moduleFeatures, limit).join());
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
            starts.add(runtime.enqueue(() -> bootAsync(runtime, entry.getValue(), featuresOf.get(runtime), policy, limit))
                    .whenComplete((result, error) -> progress.finished(runtime.pluginId,
                            error != null || result.failure().isPresent())));
        }
        StartupResult result = new StartupResult(starts.stream().map(CompletableFuture::join).toList());
        progress.completed(ids);
        lastResult = result;
        // Failures the policy allows do not fail the start, so nothing else reports their causes.
        result.plugins().forEach(plugin -> plugin.allowedFailureLines().forEach(logger::error));
        if (result.hasDisallowedFailure()) {
            BackendStartupException failure = new BackendStartupException(result);
            logger.error(failure.getMessage());
            endStart(BackendState.START_FAILED);
            throw failure;
        }
        if (state == BackendState.STARTING) {
            rootLifecycle().ifPresent(RootLifecycle::startup);
        }
        endStart(BackendState.STARTED);
        return result;
    }

    /** Ends the start in {@code outcome}, unless a stop began meanwhile (it cut the start short). */
    private synchronized void endStart(BackendState outcome) {
        if (state == BackendState.STARTING) {
            setState(outcome);
        }
    }

    /**
     * Stops the backend: root before-shutdown hooks (and {@code backend.lifecycle.serverShutdownDelay},
     * during which plugins keep serving while readiness already says 503), then every plugin's shutdown
     * hooks in parallel, then root shutdown hooks. Each phase waits at most
     * {@code backend.lifecycle.shutdownTimeout} for its hooks; a plugin still starting is cut short.
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
                shutdownThreads();
                return;
            }
            runtimes = List.copyOf(plugins.values());
        }
        long begin = System.nanoTime();
        Duration limit = shutdownTimeout();
        Duration delay = serverShutdownDelay();
        LoggerService logger = rootLogger();
        logger.info("Backend stopping; readiness answers 503 from now on"
                + (delay.isZero() ? "" : ", plugins serve for " + delay.toMillis() + " ms more (backend.lifecycle.serverShutdownDelay)"));
        long delayEnd = begin + delay.toNanos();
        Optional<RootLifecycle> rootLifecycle = rootLifecycle();
        rootLifecycle.ifPresent(lifecycle -> lifecycle.beforeShutdown(limit));
        waitUntil(delayEnd);
        List<String> stopped = runtimes.stream().filter(r -> r.state == PluginState.STARTED
                || r.state == PluginState.STARTING || r.state == PluginState.FAILED).map(r -> r.pluginId).sorted().toList();
        runtimes.forEach(runtime -> {
            Runnable abandon = runtime.abandonStart;
            if (abandon != null) {
                abandon.run();
            }
        });
        CompletableFuture.allOf(runtimes.stream()
                .map(runtime -> runtime.enqueue(() -> CompletableFuture.runAsync(() -> stopRuntime(runtime, false), executor)))
                .toArray(CompletableFuture<?>[]::new)).join();
        logger.info("Plugins stopped: " + ServiceRegistry.quoteAll(stopped));
        rootLifecycle.ifPresent(lifecycle -> lifecycle.shutdown(limit));
        setState(BackendState.STOPPED);
        shutdownThreads();
        logger.info("Backend stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
    }

    /**
     * Stops one plugin with its modules (its shutdown hooks run, its plugin-scoped instances are dropped)
     * and starts it again with the features it has now. Root services and other plugins keep running.
     * Waits for the result; {@link #restartPluginAsync} does not.
     *
     * @return the result of the new start; empty when the plugin is no longer installed
     */
    public Optional<PluginStartupResult> restartPlugin(String pluginId) {
        return await(restartPluginAsync(pluginId));
    }

    /** Stops one plugin and its modules; it stays stopped until {@link #startPlugin}. */
    public void stopPlugin(String pluginId) {
        await(stopPluginAsync(pluginId));
    }

    /** Starts a stopped (or never started) plugin with its modules. */
    public Optional<PluginStartupResult> startPlugin(String pluginId) {
        return await(startPluginAsync(pluginId));
    }

    /**
     * Restarts one plugin, after whatever start or stop of it is under way; the calling thread goes on at
     * once. A start past {@code backend.startup.pluginTimeout} fails the plugin, naming what it was doing.
     *
     * @throws IllegalArgumentException for an unknown plugin id
     * @throws IllegalStateException    when the backend is not running
     */
    public CompletableFuture<Optional<PluginStartupResult>> restartPluginAsync(String pluginId) {
        return restartPluginAsync(pluginId, null);
    }

    /**
     * @param reason why, for the log line that announces the restart (e.g. "module 'm' of bundle b added");
     *               null for none
     * @see #restartPluginAsync(String)
     */
    public CompletableFuture<Optional<PluginStartupResult>> restartPluginAsync(String pluginId, String reason) {
        PluginRuntime runtime = runningRuntime(pluginId);
        return runtime.enqueue(() -> stopAsync(runtime, true).thenCompose(ignored -> startRuntimeAsync(runtime, reason)));
    }

    /** @see #stopPlugin */
    public CompletableFuture<Void> stopPluginAsync(String pluginId) {
        PluginRuntime runtime = runningRuntime(pluginId);
        return runtime.enqueue(() -> stopAsync(runtime, false));
    }

    /** @see #startPlugin */
    public CompletableFuture<Optional<PluginStartupResult>> startPluginAsync(String pluginId) {
        PluginRuntime runtime = runningRuntime(pluginId);
        return runtime.enqueue(() -> runtime.state == PluginState.STARTED
                ? CompletableFuture.completedFuture(Optional.ofNullable(runtime.lastStart))
                : stopAsync(runtime, true).thenCompose(ignored -> startRuntimeAsync(runtime, null)));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
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

    private CompletableFuture<Void> stopAsync(PluginRuntime runtime, boolean restarting) {
        return CompletableFuture.runAsync(() -> stopRuntime(runtime, restarting), executor);
    }

    private CompletableFuture<Optional<PluginStartupResult>> startRuntimeAsync(PluginRuntime runtime, String reason) {
        List<BackendFeature> pluginFeatures;
        List<BackendModule> moduleFeatures;
        synchronized (this) {
            if (state == BackendState.STOPPING || state == BackendState.STOPPED) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (!runtime.hasPlugin()) {
                if (runtime.modules.isEmpty()) {
                    setPluginState(runtime, PluginState.REMOVED);
                    plugins.remove(runtime.pluginId);
                } else {
                    setPluginState(runtime, PluginState.WAITING);
                    logWaiting(rootLogger(), runtime);
                }
                return CompletableFuture.completedFuture(Optional.empty());
            }
            pluginFeatures = List.copyOf(runtime.plugins);
            moduleFeatures = List.copyOf(runtime.modules);
            runtime.changesStarted = runtime.changes;
        }
        BootFailurePolicy policy = policy();
        Duration limit = pluginTimeout();
        rootLogger().info((runtime.lastStart == null ? "Starting" : "Restarting") + " plugin '" + runtime.pluginId + "'"
                + (reason == null ? "" : ": " + reason));
        List<BackendFeature> features = featuresOf(pluginFeatures, moduleFeatures);
        return registerAsync(runtime.pluginId, pluginFeatures, moduleFeatures, limit)
                .thenCompose(registrations -> bootAsync(runtime, registrations, features, policy, limit))
                .thenApply(Optional::of);
    }

    private static List<BackendFeature> featuresOf(List<BackendFeature> pluginFeatures, List<BackendModule> moduleFeatures) {
        List<BackendFeature> features = new ArrayList<>(pluginFeatures);
        features.addAll(moduleFeatures);
        return List.copyOf(features);
    }

    /** Runs the plugin's and its modules' {@code register} on the backend's threads, within the time limit. */
    private CompletableFuture<PluginRegistrations> registerAsync(String pluginId, List<BackendFeature> pluginFeatures,
            List<BackendModule> moduleFeatures, Duration limit) {
        PluginWork work = new PluginWork(executor);
        return bounded(work, limit, () -> PluginRegistrations.register(pluginId, pluginFeatures, moduleFeatures, owners),
                () -> PluginRegistrations.failed(pluginId, new WiringException("Plugin '" + pluginId
                        + "' did not finish registering within " + limit.toMillis()
                        + " ms (backend.startup.pluginTimeout); its register threads were interrupted")));
    }

    /**
     * Starts a plugin whose features have registered: on its own {@link PluginWork}, within the time limit.
     * Past the limit the plugin fails with a message naming what it was doing, its threads are interrupted
     * and what it had acquired is released (shutdown hooks, plugin services), so a hung init cannot keep
     * the plugin's database connections; its routes answer 503.
     */
    private CompletableFuture<PluginStartupResult> bootAsync(PluginRuntime runtime, PluginRegistrations registrations,
            List<BackendFeature> features, BootFailurePolicy policy, Duration limit) {
        if (state == BackendState.STOPPING || state == BackendState.STOPPED) {
            // A restart that got this far while the backend began to stop: nothing of the plugin runs.
            return CompletableFuture.completedFuture(new PluginStartupResult(runtime.pluginId, Optional.of(new StartupFailure(
                    new WiringException("Plugin '" + runtime.pluginId + "' was not started: the backend is shutting down"),
                    true)), List.of(), Instant.now(), Duration.ZERO));
        }
        runtime.lastRegistrations = registrations;
        setPluginState(runtime, PluginState.STARTING);
        PluginWork work = new PluginWork(executor);
        Instant startedAt = Instant.now();
        PluginBoot boot = new PluginBoot(registrations, registry, policy, owners, work,
                () -> configCheck.check(runtime.pluginId, features, () -> pluginConfig(runtime.pluginId)));
        Supplier<PluginStartupResult> timedOut = () -> boot.abandoned(startedAt, new WiringException("Plugin '"
                + runtime.pluginId + "' did not finish starting within " + limit.toMillis()
                + " ms (backend.startup.pluginTimeout) while " + boot.phase() + "; its threads were interrupted"));
        CompletableFuture<PluginStartupResult> started = bounded(work, limit, () -> boot.run(startedAt), timedOut);
        runtime.abandonStart = () -> abandon(started, work, () -> boot.abandoned(startedAt, new WiringException(
                "The start of plugin '" + runtime.pluginId + "' was cut short because the backend is shutting down")));
        return started.thenApplyAsync(result -> {
            runtime.abandonStart = null;
            if (work.abandoned()) {
                release(runtime);
            }
            runtime.lastStart = result;
            setPluginState(runtime, result.failure().isPresent() ? PluginState.FAILED : PluginState.STARTED);
            return result;
        }, executor);
    }

    /**
     * Runs {@code task} on {@code work}; once {@code limit} has passed, the result is {@code onTimeout}'s
     * instead and {@code work} is abandoned, whether or not its threads ever return.
     */
    private <T> CompletableFuture<T> bounded(PluginWork work, Duration limit, java.util.concurrent.Callable<T> task,
            Supplier<T> onTimeout) {
        CompletableFuture<T> done = new CompletableFuture<>();
        work.execute(() -> {
            T result;
            try {
                result = task.call();
            } catch (Exception | Error e) {
                synchronized (done) {
                    done.completeExceptionally(e);
                }
                return;
            }
            synchronized (done) {
                done.complete(result);
            }
        });
        ScheduledFuture<?> timeout = timer.schedule(() -> abandon(done, work, onTimeout), limit.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((result, error) -> timeout.cancel(false));
        return done;
    }

    /**
     * Ends {@code done} with {@code fallback}'s value and abandons {@code work}, unless the work finished
     * first. Abandoning comes before completing, so whatever follows {@code done} sees the work abandoned.
     */
    private static <T> void abandon(CompletableFuture<T> done, PluginWork work, Supplier<T> fallback) {
        synchronized (done) {
            if (!done.isDone()) {
                T value = fallback.get();
                work.abandon();
                done.complete(value);
            }
        }
    }

    /**
     * @param restarting true when a start follows at once: listeners then see STOPPING go straight to
     *                   STARTING, so HTTP can hold requests through the restart instead of refusing them
     */
    private void stopRuntime(PluginRuntime runtime, boolean restarting) {
        PluginState current = runtime.state;
        if (current == PluginState.STARTED || current == PluginState.FAILED || current == PluginState.STARTING) {
            setPluginState(runtime, PluginState.STOPPING);
            release(runtime);
            if (!restarting) {
                setPluginState(runtime, PluginState.STOPPED);
            }
        }
    }

    /** Runs the plugin's shutdown hooks (bounded) and drops its plugin-scoped instances and extension points. */
    private void release(PluginRuntime runtime) {
        Duration limit = shutdownTimeout();
        registry.existingInstance(CoreServices.LIFECYCLE, Scope.plugin(runtime.pluginId))
                .filter(PluginLifecycle.class::isInstance)
                .ifPresent(lifecycle -> ((PluginLifecycle) lifecycle).shutdown(limit));
        registry.discardPlugin(runtime.pluginId);
        owners.releasePlugin(runtime.pluginId);
    }

    private void shutdownThreads() {
        executor.shutdown();
        timer.shutdownNow();
    }

    private static void waitUntil(long nanoTime) {
        try {
            long left;
            while ((left = nanoTime - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /** {@code backend.startup.pluginTimeout}: how long one plugin may take to start. */
    private Duration pluginTimeout() {
        return duration("backend.startup.pluginTimeout", DEFAULT_PLUGIN_TIMEOUT);
    }

    /** {@code backend.lifecycle.shutdownTimeout}: how long each stop phase waits for its hooks. */
    private Duration shutdownTimeout() {
        return duration("backend.lifecycle.shutdownTimeout", DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** {@code backend.lifecycle.serverShutdownDelay}: how long plugins keep serving after readiness went 503. */
    private Duration serverShutdownDelay() {
        return duration("backend.lifecycle.serverShutdownDelay", Duration.ZERO);
    }

    /** A duration from the root configuration; a bad value is logged and the default used. */
    private Duration duration(String key, Duration fallback) {
        if (!registry.provides(CoreServices.ROOT_CONFIG)) {
            return fallback;
        }
        try {
            return ConfigDurations.read(registry.get(CoreServices.ROOT_CONFIG, Scope.ROOT), key)
                    .filter(d -> !d.isNegative())
                    .orElse(fallback);
        } catch (RuntimeException e) {
            rootLogger().error(e.getMessage() + "; using " + fallback.toMillis() + " ms");
            return fallback;
        }
    }

    private BootFailurePolicy policy() {
        Config config = registry.provides(CoreServices.ROOT_CONFIG)
                ? registry.get(CoreServices.ROOT_CONFIG, Scope.ROOT)
                : null;
        return new BootFailurePolicy(config);
    }

    /** The plugin's configuration view, or the root configuration when no plugin view is provided. */
    private Config pluginConfig(String pluginId) {
        if (registry.provides(CoreServices.CONFIG)) {
            return registry.get(CoreServices.CONFIG, Scope.plugin(pluginId));
        }
        return registry.provides(CoreServices.ROOT_CONFIG) ? registry.get(CoreServices.ROOT_CONFIG, Scope.ROOT) : null;
    }

    private LoggerService rootLogger() {
        return registry.provides(CoreServices.ROOT_LOGGER)
                ? registry.get(CoreServices.ROOT_LOGGER, Scope.ROOT)
                : SILENT;
    }

    private Optional<RootLifecycle> rootLifecycle() {
        if (!registry.provides(CoreServices.ROOT_LIFECYCLE)) {
            return Optional.empty();
        }
        try {
            Object lifecycle = registry.get(CoreServices.ROOT_LIFECYCLE, Scope.ROOT);
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
