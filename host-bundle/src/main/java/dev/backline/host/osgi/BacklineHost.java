package dev.backline.host.osgi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import dev.backline.host.Backend;
import dev.backline.host.config.ConfigLoader;
import dev.backline.host.config.DefaultRootConfigService;
import dev.backline.host.config.OverlayConfigService;
import dev.backline.host.logging.Slf4jRootLogger;
import dev.backline.host.wiring.BackendStartupException;
import dev.backline.host.wiring.BackendState;
import dev.backline.host.wiring.ServiceSource;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceScope;

/**
 * Runs a backend inside OSGi. Plugins, modules and service factories are OSGi services (usually DS
 * components) of any bundle; the backend starts once the framework has started and registrations have
 * settled, and afterwards a bundle change restarts only the plugin it touches. HTTP is served by one
 * servlet on the Jakarta servlet whiteboard; each plugin's ConfigAdmin configuration
 * ({@code backline.plugin.<pluginId>}) overlays its view of the configuration.
 *
 * <p>Root configuration: the files named by the framework property {@code backline.config}
 * (comma-separated, later wins), else {@code app-config.yaml} and {@code app-config.local.yaml} in the
 * working directory, then {@code APP_CONFIG_*} environment variables.
 */
@Component(immediate = true, service = {})
@RequireHttpWhiteboard
public final class BacklineHost {

    /** Framework property naming the root configuration files. */
    public static final String CONFIG_PROPERTY = "backline.config";
    /** PID prefix of per-plugin configurations. */
    public static final String PLUGIN_PID_PREFIX = "backline.plugin.";
    /** Service property naming the plugin a plugin or module service belongs to. */
    public static final String PLUGIN_ID_PROPERTY = "backline.plugin.id";
    /** Service property naming a module. */
    public static final String MODULE_ID_PROPERTY = "backline.module.id";

    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration RESTART_QUIET = Duration.ofMillis(300);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Slf4jRootLogger logger = new Slf4jRootLogger();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "backline-host"));
    private final RestartCoalescer restarts;
    private final Backend backend;
    private final DefaultRootConfigService rootConfig;
    private final ServiceTracker<BackendPlugin, ServiceReference<BackendPlugin>> plugins;
    private final ServiceTracker<BackendModule, ServiceReference<BackendModule>> modules;
    @SuppressWarnings("rawtypes")
    private final ServiceTracker<ServiceFactory, ServiceFactory> factories;
    private final FrameworkListener frameworkListener = this::frameworkEvent;
    private ServiceRegistration<Servlet> servlet;
    private ServiceRegistration<ConfigurationListener> configListener;
    private ScheduledFuture<?> pendingStart;
    private final GogoShell shell;
    /** Set when the host goes away: services leaving then must not schedule restarts of a stopping backend. */
    private volatile boolean closing;
    // The next three are used on the executor thread only.
    private final Map<ServiceReference<?>, BackendFeature> activated = new java.util.HashMap<>();
    private final Map<String, Integer> pluginServices = new java.util.HashMap<>();
    private final Map<String, List<ServiceReference<BackendModule>>> waitingModules = new java.util.HashMap<>();
    /** What each plugin's config view was overlaid with at its last start, to tell real changes from echoes. */
    private final Map<String, Map<String, Object>> appliedOverlays = new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public BacklineHost(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.restarts = new RestartCoalescer(executor, RESTART_QUIET, this::restartPlugin);
        this.rootConfig = loadRootConfig();
        this.backend = Backend.builder()
                .config(rootConfig)
                .logger(logger)
                .typeOrigin(new BundleTypeOrigin())
                .pluginConfigs((root, pluginId) -> pluginConfig(root, pluginId))
                .configSchemas(new BundleConfigSchemas())
                .build();
        applyListenAddress();
        this.plugins = new ServiceTracker<>(context, BackendPlugin.class, new ReferenceCustomizer<>(this::pluginChanged));
        this.modules = new ServiceTracker<>(context, BackendModule.class, new ReferenceCustomizer<>(this::moduleChanged));
        this.factories = trackFactories();
        plugins.open();
        modules.open();
        factories.open();
        servlet = context.registerService(Servlet.class, backend.httpDispatcher(), servletProperties());
        configListener = context.registerService(ConfigurationListener.class, this::configurationEvent, null);
        context.addFrameworkListener(frameworkListener);
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            scheduleStart();
        }
        this.shell = GogoShell.open(context, backend, new BundleTypeOrigin(), this::callOnHost, logger);
    }

    // ServiceFactory<T> is generic; OSGi tracks it by its raw class name.
    @SuppressWarnings({"rawtypes", "unchecked"})
    private ServiceTracker<ServiceFactory, ServiceFactory> trackFactories() {
        return new ServiceTracker<>(context, ServiceFactory.class, new Customizer<ServiceFactory>(
                (reference, factory, added) -> factoryChanged(factory, added, originOf(reference))));
    }

    @Deactivate
    void deactivate() {
        closing = true;
        shell.close();
        context.removeFrameworkListener(frameworkListener);
        restarts.cancelAll();
        unregister(configListener);
        plugins.close();
        modules.close();
        factories.close();
        try {
            executor.submit(backend::stop).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            logger.error("Backend did not stop cleanly", e);
        }
        unregister(servlet);
        executor.shutdownNow();
    }

    /** The backend this host runs, for shell commands and tests in the same bundle. */
    Backend backend() {
        return backend;
    }

    /** Runs a shell command's change on the host's thread, in order with bundle events, and waits for it. */
    private <T> T callOnHost(java.util.concurrent.Callable<T> task) {
        try {
            return executor.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the host", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            scheduleStart();
        }
    }

    /** Starts once registrations have been quiet for a moment, so the first start sees every feature. */
    private synchronized void scheduleStart() {
        if (backend.initializer().state() != BackendState.NOT_STARTED) {
            return;
        }
        if (pendingStart != null) {
            pendingStart.cancel(false);
        }
        pendingStart = executor.schedule(this::start, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void start() {
        if (backend.initializer().state() != BackendState.NOT_STARTED) {
            return;
        }
        try {
            backend.start();
            logger.info("Backend started; listening for plugins, modules and service factories from bundles");
        } catch (BackendStartupException e) {
            // Already logged with every failure by the initializer. Readiness stays 503.
            exitIfConfigured();
        } catch (RuntimeException e) {
            logger.error("Backend failed to start: " + e.getMessage(), e);
            exitIfConfigured();
        }
    }

    private void exitIfConfigured() {
        if (rootConfig.getOptionalBoolean("backline.exitOnStartupFailure").orElse(false)) {
            logger.error("Stopping the framework: backline.exitOnStartupFailure is true");
            try {
                context.getBundle(0).stop();
            } catch (Exception e) {
                logger.error("Could not stop the framework", e);
            }
        }
    }

    /**
     * A plugin service came or went. Its id is read from the {@code backline.plugin.id} service property
     * when present, so modules can be grouped before anything is activated; the plugin itself is
     * activated (its DS component created) here, and so are the modules that waited for it.
     */
    private void pluginChanged(ServiceReference<BackendPlugin> reference, boolean added) {
        onHost(() -> {
            if (!added) {
                deactivate(reference).ifPresent(plugin -> {
                    pluginServices.merge(plugin.pluginId(), -1, Integer::sum);
                    applyFeature(plugin, false);
                });
                return;
            }
            activate(reference).ifPresent(plugin -> {
                pluginServices.merge(plugin.pluginId(), 1, Integer::sum);
                applyFeature(plugin, true);
                List<ServiceReference<BackendModule>> waiting = waitingModules.remove(plugin.pluginId());
                if (waiting != null) {
                    waiting.forEach(module -> activate(module).ifPresent(m -> applyFeature(m, true)));
                }
            });
        });
    }

    /**
     * A module service came or went. A module whose plugin has no service yet is not activated: it waits,
     * named in the log, and is activated when its plugin arrives.
     */
    private void moduleChanged(ServiceReference<BackendModule> reference, boolean added) {
        onHost(() -> {
            String pluginId = property(reference, PLUGIN_ID_PROPERTY);
            if (!added) {
                List<ServiceReference<BackendModule>> waiting = pluginId == null ? null : waitingModules.get(pluginId);
                if (waiting != null && waiting.remove(reference)) {
                    return; // it never was activated
                }
                deactivate(reference).ifPresent(module -> applyFeature(module, false));
                return;
            }
            if (pluginId != null && pluginServices.getOrDefault(pluginId, 0) <= 0) {
                waitingModules.computeIfAbsent(pluginId, k -> new ArrayList<>()).add(reference);
                logger.info("Module '" + Optional.ofNullable(property(reference, MODULE_ID_PROPERTY)).orElse("?")
                        + "' of bundle " + reference.getBundle().getSymbolicName() + " waiting for plugin '" + pluginId
                        + "', which is not installed; it is activated when the plugin arrives");
                return;
            }
            activate(reference).ifPresent(module -> applyFeature(module, true));
        });
    }

    private <F extends BackendFeature> Optional<F> activate(ServiceReference<F> reference) {
        try {
            F feature = context.getService(reference);
            if (feature == null) {
                logger.error("The " + reference.getProperty(Constants.OBJECTCLASS) + " service of bundle "
                        + reference.getBundle().getSymbolicName() + " could not be activated; see the log above");
                return Optional.empty();
            }
            String declared = property(reference, PLUGIN_ID_PROPERTY);
            if (declared != null && !declared.equals(feature.pluginId())) {
                logger.error("Service property " + PLUGIN_ID_PROPERTY + "=" + declared + " of bundle "
                        + reference.getBundle().getSymbolicName() + " does not match its plugin id '" + feature.pluginId()
                        + "'; using '" + feature.pluginId() + "'");
            }
            activated.put(reference, feature);
            return Optional.of(feature);
        } catch (RuntimeException e) {
            logger.error("Activating a feature of bundle " + reference.getBundle().getSymbolicName() + " failed", e);
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private <F extends BackendFeature> Optional<F> deactivate(ServiceReference<F> reference) {
        F feature = (F) activated.remove(reference);
        if (feature != null) {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException bundleGone) {
                // the providing bundle's context is already invalid
            }
        }
        return Optional.ofNullable(feature);
    }

    /**
     * Runs a task on the host's single thread, logging its failure: the executor would otherwise swallow
     * it and the change it carried would be lost without a word.
     */
    private void onHost(Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                logger.error("Backline host task failed: " + e, e);
            }
        });
    }

    private static String property(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        return value == null ? null : String.valueOf(value);
    }

    /** Adds or removes a feature, then starts the backend or restarts the affected plugin. On the executor. */
    private void applyFeature(BackendFeature feature, boolean added) {
        if (closing) {
            return;
        }
        String pluginId = (added ? backend.initializer().add(feature) : backend.initializer().remove(feature)).orElse(null);
        if (pluginId == null) {
            return;
        }
        BackendState state = backend.initializer().state();
        if (state == BackendState.NOT_STARTED) {
            if (context.getBundle(0).getState() == Bundle.ACTIVE) {
                scheduleStart(); // otherwise the framework's STARTED event schedules it
            }
        } else if (state == BackendState.STARTED || state == BackendState.START_FAILED) {
            restarts.request(pluginId);
        }
    }

    private void restartPlugin(String pluginId) {
        onHost(() -> {
            try {
                backend.initializer().restartPlugin(pluginId).ifPresentOrElse(
                        result -> {
                            // Module failures do not fail the plugin, so they are only visible here.
                            result.failureLines().forEach(logger::error);
                            result.failure().ifPresentOrElse(
                                    failure -> logger.error("Plugin '" + pluginId + "' failed to restart", failure.error()),
                                    () -> logger.info("Plugin '" + pluginId + "' restarted"));
                        },
                        // The initializer itself logs modules left waiting for it.
                        () -> logger.info("Plugin '" + pluginId + "' is no longer installed"));
            } catch (RuntimeException e) {
                logger.error("Restart of plugin '" + pluginId + "' failed", e);
            }
        });
    }

    /** The bundle that registered a service, as {@link BundleTypeOrigin} names bundles. */
    private static String originOf(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? null
                : "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
    }

    private void factoryChanged(ServiceFactory<?> factory, boolean added, String origin) {
        if (closing) {
            return;
        }
        onHost(() -> {
            String id = factory.service().id();
            BackendState state = backend.initializer().state();
            boolean running = state == BackendState.STARTED || state == BackendState.START_FAILED;
            try {
                List<String> affected = List.copyOf(backend.initializer().registry().pluginsUsing(id));
                if (running && factory.service().scope() == ServiceScope.ROOT
                        && backend.initializer().registry().existingInstance(factory.service(), null).isPresent()) {
                    logger.error("Root service '" + id + "' is in use and cannot be " + (added ? "replaced" : "removed")
                            + " while the backend runs; the change applies at the next restart of the backend");
                    return;
                }
                affected.forEach(backend.initializer()::stopPlugin);
                if (added) {
                    backend.initializer().registry().add(factory, ServiceSource.EXPLICIT, origin);
                } else {
                    backend.initializer().registry().remove(factory);
                }
                affected.forEach(restarts::request);
            } catch (RuntimeException e) {
                logger.error("Service factory for '" + id + "' from a bundle was not " + (added ? "added" : "removed")
                        + ": " + e.getMessage(), e);
            }
        });
    }

    private void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (pid == null || !pid.startsWith(PLUGIN_PID_PREFIX)) {
            return;
        }
        String pluginId = pid.substring(PLUGIN_PID_PREFIX.length());
        onHost(() -> {
            BackendState state = backend.initializer().state();
            boolean known = backend.initializer().plugins().stream().anyMatch(p -> p.pluginId().equals(pluginId));
            if ((state != BackendState.STARTED && state != BackendState.START_FAILED) || !known) {
                return;
            }
            // The seed written at plugin start comes back as an event too; only a real change restarts.
            if (!readOverlay(pid, pluginId).equals(appliedOverlays.getOrDefault(pluginId, Map.of()))) {
                logger.info("Configuration " + pid + " changed; restarting plugin '" + pluginId + "'");
                restarts.request(pluginId);
            }
        });
    }

    /**
     * The plugin's view: the root configuration, overlaid under {@code <pluginId>} by its ConfigAdmin
     * configuration {@code backline.plugin.<pluginId>}. When that configuration does not exist yet it is
     * created from the root configuration's {@code <pluginId>} subtree, so an operator finds the plugin's
     * settings in ConfigAdmin and can change them at runtime.
     */
    private OverlayConfigService pluginConfig(dev.backline.plugin.api.services.RootConfigService root, String pluginId) {
        String pid = PLUGIN_PID_PREFIX + pluginId;
        OverlayConfigService view = new OverlayConfigService(root, "ConfigAdmin " + pid);
        try {
            if (!exists(pid)) {
                seed(pid, root.getOptionalConfig(pluginId).map(c -> c.get()).orElse(Map.of()));
            }
            Map<String, Object> overlay = readOverlay(pid, pluginId);
            appliedOverlays.put(pluginId, overlay);
            view.setOverlay(Map.of(pluginId, overlay));
        } catch (IOException | RuntimeException e) {
            logger.error("Could not read configuration " + pid + "; plugin '" + pluginId + "' sees the root configuration only", e);
        }
        return view;
    }

    private boolean exists(String pid) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found != null && found.length > 0;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("Plugin id makes an invalid PID filter: " + pid, e);
        }
    }

    /** Writes the subtree as flat properties with dotted keys; lists become arrays, nested objects dotted keys. */
    private void seed(String pid, Object subtree) throws IOException {
        Hashtable<String, Object> properties = new Hashtable<>();
        if (subtree instanceof Map<?, ?> map) {
            flatten("", map, properties);
        }
        configAdmin.getConfiguration(pid, "?").update(properties);
    }

    private static void flatten(String prefix, Map<?, ?> map, Hashtable<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (value instanceof List<?> list) {
                into.put(key, list.stream().map(String::valueOf).toArray(String[]::new));
            } else if (value != null) {
                into.put(key, value);
            }
        }
    }

    /** The operator's properties of a plugin configuration, in a form comparable across reads. */
    private Map<String, Object> readOverlay(String pid, String pluginId) {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return Map.of();
            }
            Map<String, Object> properties = new java.util.TreeMap<>(propertiesOf(found[0].getProperties()));
            properties.replaceAll((key, value) -> value instanceof Object[] array ? Arrays.asList(array) : value);
            return properties;
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            logger.error("Could not read configuration " + pid + " of plugin '" + pluginId + "'", e);
            return Map.of();
        }
    }

    /** The configuration properties an operator set, without the framework's own bookkeeping keys. */
    private static Map<String, Object> propertiesOf(Dictionary<String, Object> properties) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : java.util.Collections.list(properties.keys())) {
            if (!key.startsWith("service.") && !key.startsWith("felix.") && !key.startsWith("component.")) {
                result.put(key, properties.get(key));
            }
        }
        return result;
    }

    private DefaultRootConfigService loadRootConfig() {
        String named = context.getProperty(CONFIG_PROPERTY);
        try {
            if (named == null || named.isBlank()) {
                return DefaultRootConfigService.loadOrDefaults(Path.of(""), logger);
            }
            return DefaultRootConfigService.load(ConfigLoader.builder()
                    .configFiles(Arrays.stream(named.split(",")).map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).toList())
                    .build());
        } catch (RuntimeException e) {
            // A broken file must not pass unnoticed: nothing starts, and the log says why.
            logger.error("Configuration could not be loaded: " + e.getMessage());
            throw e;
        }
    }

    /** Points Felix HTTP at {@code backend.listen.port} / {@code .host} (default 7007, all interfaces). */
    private void applyListenAddress() {
        int port = rootConfig.getOptionalInt("backend.listen.port").orElse(7007);
        Optional<String> host = rootConfig.getOptionalString("backend.listen.host");
        try {
            Configuration http = configAdmin.getConfiguration("org.apache.felix.http", "?");
            Dictionary<String, Object> current = http.getProperties();
            // Already listening where configured (launch property): updating would restart Jetty for nothing.
            if (current == null && host.isEmpty()
                    && String.valueOf(port).equals(context.getProperty("org.osgi.service.http.port"))) {
                return;
            }
            Hashtable<String, Object> wanted = new Hashtable<>();
            wanted.put("org.osgi.service.http.port", port);
            host.ifPresent(h -> wanted.put("org.apache.felix.http.host", h));
            if (current == null || !wanted.get("org.osgi.service.http.port").equals(current.get("org.osgi.service.http.port"))
                    || !String.valueOf(wanted.get("org.apache.felix.http.host")).equals(String.valueOf(current.get("org.apache.felix.http.host")))) {
                http.update(wanted);
                logger.info("HTTP server listens on " + host.orElse("all interfaces") + ", port " + port);
            }
        } catch (IOException e) {
            logger.error("Could not configure the HTTP port " + port, e);
        }
    }

    private static Dictionary<String, Object> servletProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/*");
        properties.put("osgi.http.whiteboard.servlet.name", "backline");
        return properties;
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while stopping
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Tracks references only: activating the service is up to {@code onChange}, on the host's executor. */
    private static final class ReferenceCustomizer<S> implements ServiceTrackerCustomizer<S, ServiceReference<S>> {
        private final java.util.function.BiConsumer<ServiceReference<S>, Boolean> onChange;

        ReferenceCustomizer(java.util.function.BiConsumer<ServiceReference<S>, Boolean> onChange) {
            this.onChange = onChange;
        }

        @Override
        public ServiceReference<S> addingService(ServiceReference<S> reference) {
            onChange.accept(reference, true);
            return reference;
        }

        @Override
        public void modifiedService(ServiceReference<S> reference, ServiceReference<S> tracked) {
        }

        @Override
        public void removedService(ServiceReference<S> reference, ServiceReference<S> tracked) {
            onChange.accept(reference, false);
        }
    }

    /** Hands each tracked service to {@code onChange} when it arrives (true) and when it leaves (false). */
    /** Told of each service arriving ({@code added}) or leaving, with the reference it came by. */
    @FunctionalInterface
    private interface ServiceChange<S> {
        void changed(ServiceReference<S> reference, S service, boolean added);
    }

    private final class Customizer<S> implements ServiceTrackerCustomizer<S, S> {
        private final ServiceChange<S> onChange;

        Customizer(ServiceChange<S> onChange) {
            this.onChange = onChange;
        }

        @Override
        public S addingService(ServiceReference<S> reference) {
            S service = context.getService(reference);
            if (service != null) {
                onChange.changed(reference, service, true);
            }
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<S> reference, S service) {
        }

        @Override
        public void removedService(ServiceReference<S> reference, S service) {
            onChange.changed(reference, service, false);
            context.ungetService(reference);
        }
    }
}
