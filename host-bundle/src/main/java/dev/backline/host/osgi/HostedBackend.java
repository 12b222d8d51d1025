package dev.backline.host.osgi;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.servlet.Servlet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.config.OverlayConfigService;
import dev.backline.runtime.logging.ConfigurableRootLogger;
import dev.backline.runtime.shell.BackendCommands;
import dev.backline.runtime.shell.HostActivity;
import dev.backline.runtime.shell.WaitingModule;
import dev.backline.runtime.wiring.BackendState;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.RootConfigService;

/**
 * A backend assembled from the container: plugin, module and service factory services
 * ({@link FeatureServices}), per-plugin ConfigAdmin configurations ({@link PluginConfigurations}), the HTTP
 * address ({@link HttpSettings}), the hot-deploy directory ({@link DeployWatch}), the shell commands (a
 * {@code BackendCommands} service, which the shell bundle exposes in Gogo), all driven by a {@link BackendRunner}.
 *
 * <p>Container events are handled on one host thread, in order; it never runs plugin code and never waits
 * for a plugin: activating a DS component, starting and stopping plugins all happen elsewhere. The first
 * start waits for the framework to have started, for the bundles in the deploy directory at launch, for
 * the plugin and module services they registered to be activated, and for bundles to have stopped changing.
 */
final class HostedBackend implements AutoCloseable {

    /**
     * Framework property: how long (ms) bundles must have stopped changing before the first start. The default
     * suits the executable jar, whose launcher starts every bundle before the framework reports it started; a
     * launcher that installs bundles one by one afterwards (Pax Exam) needs longer.
     */
    static final String QUIET_PERIOD_PROPERTY = "backline.startup.quietPeriod";
    private static final long DEFAULT_QUIET_MILLIS = 150;
    private final BundleContext context;
    private final ConfigurableRootLogger logger;
    private final ScheduledExecutorService hostThread =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "backline-host"));
    /**
     * Activates DS components (their constructors and activate methods), a few at a time: 500 plugins arriving
     * together take four threads, not 500. Idle threads end after a few seconds.
     */
    private final ExecutorService activations = boundedPool(4, "backline-activate");
    private final Backend backend;
    private final BackendRunner runner;
    private final FeatureServices features;
    private final PluginConfigurations configurations;
    private final HttpSettings http;
    private final ServiceTracker<BackendPlugin, ServiceReference<BackendPlugin>> plugins;
    private final ServiceTracker<BackendModule, ServiceReference<BackendModule>> modules;
    @SuppressWarnings("rawtypes")
    private final ServiceTracker<ServiceFactory, ServiceFactory> factories;
    private final FrameworkListener frameworkListener = this::frameworkEvent;
    /**
     * Stops the backend the moment the framework begins to stop, before any bundle does: every plugin's
     * shutdown hooks run while all bundles are still there, in the backend's order.
     */
    private final SynchronousBundleListener frameworkStopping = this::frameworkBundleEvent;
    private final ServiceRegistration<Servlet> servlet;
    private final ServiceRegistration<ConfigurationListener> configListener;
    private final DeployWatch deploy;
    /** The backend's shell commands, as a service for the shell bundle (dev.backline.shell) to expose. */
    private final ServiceRegistration<BackendCommands> shellCommands;
    // Start gating; used on the host thread only.
    private boolean frameworkStarted;
    private boolean deployReady;
    private boolean startBegun;
    private java.util.concurrent.ScheduledFuture<?> quietCheck;
    /** When a bundle event was last delivered (System.nanoTime()), for the first start's quiet period. */
    private volatile long lastBundleEvent = System.nanoTime();
    /** The first start's quiet period ({@link #QUIET_PERIOD_PROPERTY}), in nanoseconds. */
    private final long bundlesQuiet;
    private final org.osgi.framework.BundleListener bundleActivity = event -> lastBundleEvent = System.nanoTime();
    private volatile boolean closing;

    /**
     * @param onFatal        told why when the backend cannot run at all (its HTTP address cannot be had)
     * @param onAbortedStart told when the first start ends with a failure the boot-failure policy does not allow
     */
    HostedBackend(BundleContext context, ConfigurationAdmin configAdmin, DefaultRootConfigService rootConfig,
            ConfigurableRootLogger logger, Consumer<String> onFatal, Consumer<String> onAbortedStart) {
        this.context = context;
        this.logger = logger;
        this.bundlesQuiet = TimeUnit.MILLISECONDS.toNanos(quietMillis(context, logger));
        ConfigAdminStore store = new ConfigAdminStore(configAdmin);
        Backend[] built = new Backend[1];
        this.configurations = new PluginConfigurations(store, () -> built[0].configSecrets());
        this.backend = built[0] = Backend.builder()
                .config(rootConfig)
                .logger(logger)
                .typeOrigin(new BundleTypeOrigin())
                .pluginConfigs(this::pluginConfig)
                .configSchemas(new BundleConfigSchemas())
                .build();
        this.runner = new BackendRunner(backend, logger, hostThread, onAbortedStart);
        this.features = new FeatureServices(this::onHost, new FeatureServices.Sink() {
            // Before the first start, each arrival pushes the start back: it should see every feature.
            @Override
            public void added(BackendFeature feature, String reason) {
                runner.added(feature, reason);
                scheduleStart();
            }

            @Override
            public void removed(BackendFeature feature, String reason) {
                runner.removed(feature, reason);
                scheduleStart();
            }

            @Override
            public void activationEnded() {
                scheduleStart();
            }
        }, logger);
        this.http = new HttpSettings(context, store, logger);
        http.apply(ListenAddress.of(rootConfig), onFatal);
        this.plugins = new ServiceTracker<>(context, BackendPlugin.class, new ReferenceTracker<>(false));
        this.modules = new ServiceTracker<>(context, BackendModule.class, new ReferenceTracker<>(true));
        this.factories = trackFactories();
        plugins.open();
        modules.open();
        factories.open();
        this.servlet = context.registerService(Servlet.class, backend.httpDispatcher(), servletProperties());
        this.configListener = context.registerService(ConfigurationListener.class, this::configurationEvent, null);
        context.addFrameworkListener(frameworkListener);
        context.addBundleListener(frameworkStopping);
        context.addBundleListener(bundleActivity);
        onHost(this::checkFrameworkStarted);
        this.deploy = DeployWatch.start(context, logger, () -> onHost(() -> {
            deployReady = true;
            scheduleStart();
        }));
        BackendCommands commands = new BackendCommands(backend, new BundleTypeOrigin(),
                new HostPluginControl(backend.initializer(), logger), new HostActivity() {
                    @Override
                    public List<WaitingModule> waitingModules() {
                        return HostedBackend.this.waitingModules();
                    }

                    @Override
                    public List<String> pendingChanges() {
                        return runner.pendingChanges();
                    }
                });
        this.shellCommands = context.registerService(BackendCommands.class, commands, null);
    }

    Backend backend() {
        return backend;
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            onHost(this::checkFrameworkStarted);
        }
    }

    /**
     * The framework has started every bundle of the launch: it is active at its beginning start level. (The
     * bnd launcher starts the framework at level 1 and raises the level afterwards, so the STARTED event alone
     * comes before most bundles.)
     */
    private void checkFrameworkStarted() {
        Bundle framework = context.getBundle(0);
        int wanted = beginningStartLevel();
        if (!frameworkStarted && framework.getState() == Bundle.ACTIVE
                && framework.adapt(FrameworkStartLevel.class).getStartLevel() >= wanted) {
            frameworkStarted = true;
            scheduleStart();
        }
    }

    private int beginningStartLevel() {
        try {
            String beginning = context.getProperty(org.osgi.framework.Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
            return beginning == null ? 1 : Integer.parseInt(beginning.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Starts once the framework has started the launch, the deploy directory's bundles have started, no plugin or
     * module service is being activated, and bundles have stopped changing for the quiet period: a
     * launcher may start bundles after the framework reached its beginning start level (Pax Exam does), and
     * the first start should see them. The check runs again behind the host tasks already queued, so the
     * registrations made before are taken in first. On the host thread.
     */
    private void scheduleStart() {
        if (!readyToStart()) {
            return;
        }
        long quietFor = System.nanoTime() - lastBundleEvent;
        long wait = bundlesQuiet - quietFor;
        if (wait > 0) {
            if (quietCheck == null) {
                quietCheck = hostThread.schedule(() -> {
                    quietCheck = null;
                    scheduleStart();
                }, wait, TimeUnit.NANOSECONDS);
            }
            return;
        }
        onHost(() -> {
            if (readyToStart() && System.nanoTime() - lastBundleEvent >= bundlesQuiet) {
                startBegun = true;
                runner.start();
            } else {
                scheduleStart();
            }
        });
    }

    private boolean readyToStart() {
        return frameworkStarted && deployReady && !startBegun && !closing && features.activating() == 0
                && backend.initializer().state() == BackendState.NOT_STARTED;
    }

    /** Runs a task on the host thread, logging its failure (the executor would swallow it). */
    private void onHost(Runnable task) {
        try {
            hostThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | LinkageError e) {
                    logger.error("Backline host task failed: " + e, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the host is closing
        }
    }

    private List<WaitingModule> waitingModules() {
        try {
            return hostThread.submit(features::waitingModules).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return List.of();
        }
    }

    /**
     * The plugin's view: the root configuration, overlaid under {@code <pluginId>} by what an operator
     * changed in its ConfigAdmin configuration.
     */
    private OverlayConfigService pluginConfig(RootConfigService root, String pluginId) {
        String pid = PluginConfigurations.pid(pluginId);
        OverlayConfigService view = new OverlayConfigService(root, "ConfigAdmin " + pid);
        try {
            Map<String, Object> subtree = subtree(root, pluginId);
            view.setOverlay(Map.of(pluginId, configurations.overlayForStart(pluginId, subtree)));
        } catch (RuntimeException e) {
            logger.error("Could not read configuration " + pid + "; plugin '" + pluginId
                    + "' sees the root configuration only: " + e.getMessage(), e);
        }
        return view;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subtree(RootConfigService root, String pluginId) {
        return root.getOptionalConfig(pluginId).map(c -> c.get()).filter(Map.class::isInstance)
                .map(m -> (Map<String, Object>) m).orElse(Map.of());
    }

    private void configurationEvent(ConfigurationEvent event) {
        Optional<String> pluginId = PluginConfigurations.pluginIdOf(event.getPid());
        if (pluginId.isEmpty() || closing) {
            return;
        }
        onHost(() -> {
            String pid = event.getPid();
            PluginConfigurations.Change change = configurations.changed(pluginId.get(), (id, overlay) -> {
                OverlayConfigService candidate = new OverlayConfigService(backend.rootService(
                        dev.backline.plugin.api.services.CoreServices.ROOT_CONFIG), "ConfigAdmin " + pid);
                try {
                    candidate.setOverlay(Map.of(id, overlay));
                    backend.checkPluginConfiguration(id, candidate);
                } finally {
                    candidate.close();
                }
            });
            if (change instanceof PluginConfigurations.Change.Restart) {
                runner.configurationChanged(pluginId.get(), "configuration " + pid + " changed");
            } else if (change instanceof PluginConfigurations.Change.Refused refused) {
                logger.error("Configuration " + pid + " refused; plugin '" + pluginId.get()
                        + "' keeps the configuration it runs with: " + refused.reason());
            }
        });
    }

    // ServiceFactory<T> is generic; OSGi tracks it by its raw class name.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private ServiceTracker<ServiceFactory, ServiceFactory> trackFactories() {
        // The origin is read when the service arrives: when it leaves, its bundle may no longer be known.
        Map<ServiceReference<ServiceFactory>, String> origins = new java.util.concurrent.ConcurrentHashMap<>();
        return new ServiceTracker<>(context, ServiceFactory.class, new ServiceTrackerCustomizer<ServiceFactory, ServiceFactory>() {
            @Override
            public ServiceFactory addingService(ServiceReference<ServiceFactory> reference) {
                ServiceFactory factory = context.getService(reference);
                if (factory != null) {
                    String origin = BundleTypeOrigin.describe(reference.getBundle());
                    origins.put(reference, origin);
                    onHost(() -> runner.factoryChanged(factory, true, origin));
                }
                return factory;
            }

            @Override
            public void modifiedService(ServiceReference<ServiceFactory> reference, ServiceFactory factory) {
            }

            @Override
            public void removedService(ServiceReference<ServiceFactory> reference, ServiceFactory factory) {
                String origin = Optional.ofNullable(origins.remove(reference)).orElse("an unknown bundle");
                onHost(() -> runner.factoryChanged(factory, false, origin));
                try {
                    context.ungetService(reference);
                } catch (IllegalStateException bundleGone) {
                    // the providing bundle's context is already invalid
                }
            }
        });
    }

    /** Tracks plugin or module services by reference; {@link FeatureServices} decides about activating them. */
    private final class ReferenceTracker<S extends BackendFeature> implements ServiceTrackerCustomizer<S, ServiceReference<S>> {
        private final boolean module;
        private final Map<ServiceReference<S>, FeatureServices.FeatureService> services = new java.util.concurrent.ConcurrentHashMap<>();

        ReferenceTracker(boolean module) {
            this.module = module;
        }

        @Override
        public ServiceReference<S> addingService(ServiceReference<S> reference) {
            FeatureServices.FeatureService service = new ReferencedFeature<>(reference, module);
            services.put(reference, service);
            onHost(() -> features.arrived(service));
            return reference;
        }

        @Override
        public void modifiedService(ServiceReference<S> reference, ServiceReference<S> tracked) {
        }

        @Override
        public void removedService(ServiceReference<S> reference, ServiceReference<S> tracked) {
            FeatureServices.FeatureService service = services.remove(reference);
            if (service != null) {
                onHost(() -> features.left(service));
            }
        }
    }

    /** A plugin or module service; activation (the DS component's creation) runs on the activation threads. */
    private final class ReferencedFeature<S extends BackendFeature> implements FeatureServices.FeatureService {
        private final ServiceReference<S> reference;
        private final boolean module;
        private final String origin;

        ReferencedFeature(ServiceReference<S> reference, boolean module) {
            this.reference = reference;
            this.module = module;
            // Read now: once the service is unregistered its bundle may no longer be known.
            this.origin = BundleTypeOrigin.describe(reference.getBundle());
        }

        @Override
        public boolean module() {
            return module;
        }

        @Override
        public Optional<String> declaredPluginId() {
            return property(BacklineHost.PLUGIN_ID_PROPERTIES);
        }

        @Override
        public Optional<String> declaredModuleId() {
            return property(BacklineHost.MODULE_ID_PROPERTIES);
        }

        private Optional<String> property(List<String> keys) {
            return keys.stream().map(reference::getProperty).filter(java.util.Objects::nonNull).findFirst().map(String::valueOf);
        }

        @Override
        public String origin() {
            return origin;
        }

        @Override
        public CompletableFuture<Optional<BackendFeature>> activate() {
            return CompletableFuture.supplyAsync(() -> Optional.ofNullable((BackendFeature) context.getService(reference)),
                    activations);
        }

        @Override
        public void deactivate() {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException bundleGone) {
                // the providing bundle's context is already invalid
            }
        }
    }

    private static Hashtable<String, Object> servletProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/*");
        properties.put("osgi.http.whiteboard.servlet.name", "backline");
        // Request bodies are read with non-blocking I/O, so that slow clients hold no server thread.
        properties.put("osgi.http.whiteboard.servlet.asyncSupported", Boolean.TRUE);
        return properties;
    }

    /** Stops the backend without letting a failure escape: the host is giving up on it. */
    void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            logger.error("The backend did not stop cleanly", e);
        }
    }

    private void frameworkBundleEvent(BundleEvent event) {
        if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
            stopBackend();
            http.release();
        }
    }

    /** Stops the backend once, while the features it runs are still tracked. */
    private void stopBackend() {
        synchronized (runner) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            runner.stop();
        } catch (RuntimeException e) {
            logger.error("Backend did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stopBackend();
        try {
            shellCommands.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it while stopping
        }
        deploy.close();
        context.removeFrameworkListener(frameworkListener);
        try {
            context.removeBundleListener(frameworkStopping);
            context.removeBundleListener(bundleActivity);
        } catch (IllegalStateException contextGone) {
            // the framework is stopping this bundle
        }
        unregister(configListener);
        plugins.close();
        modules.close();
        factories.close();
        unregister(servlet);
        hostThread.shutdownNow();
        activations.shutdownNow();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it while stopping
        }
    }

    private static long quietMillis(BundleContext context, ConfigurableRootLogger logger) {
        String value = context.getProperty(QUIET_PERIOD_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_QUIET_MILLIS;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        logger.error(QUIET_PERIOD_PROPERTY + "=" + value + " is not a number of milliseconds; using " + DEFAULT_QUIET_MILLIS);
        return DEFAULT_QUIET_MILLIS;
    }

    private static ExecutorService boundedPool(int threads, String name) {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads,
                5, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> daemon(r, name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
