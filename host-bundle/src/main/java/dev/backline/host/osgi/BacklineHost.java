package dev.backline.host.osgi;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;

import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.http.UnavailableServlet;
import dev.backline.runtime.logging.Slf4jRootLogger;

/**
 * Runs a backend inside OSGi: the DS component that owns the process edges. It loads the root
 * configuration and hands everything else to a {@link HostedBackend}; when the backend cannot run at all
 * (a configuration that cannot be read, an HTTP address that cannot be had) it says why in one line and,
 * unless {@code backline.exitOnStartupFailure} is {@code false}, ends the process with exit code 1; with
 * {@code false} it stays up and answers every request, liveness and readiness included, with 503 and the
 * reason. SIGTERM and SIGINT stop the framework gracefully ({@link HostProcess}).
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
    public static final String PLUGIN_PID_PREFIX = PluginConfigurations.PID_PREFIX;
    /**
     * Service properties naming the plugin a plugin or module service belongs to, the first present wins: the
     * explicit one, then those {@code @BacklinePlugin} and {@code @BacklineModule} set.
     */
    public static final List<String> PLUGIN_ID_PROPERTIES = List.of("backline.plugin.id", "backline.plugin", "backline.pluginId");
    /** Service properties naming a module: the explicit one, then the one {@code @BacklineModule} sets. */
    public static final List<String> MODULE_ID_PROPERTIES = List.of("backline.module.id", "backline.moduleId");
    /** Framework property or root configuration key: whether a startup failure ends the process. */
    public static final String EXIT_PROPERTY = "backline.exitOnStartupFailure";

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Slf4jRootLogger logger = new Slf4jRootLogger();
    private final HostProcess process;
    private final ExitPolicy exitPolicy;
    private HostedBackend backend;
    private ServiceRegistration<Servlet> unavailable;
    private volatile boolean failed;

    @Activate
    public BacklineHost(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.process = HostProcess.attach(context, logger);
        this.exitPolicy = new ExitPolicy(context.getProperty(EXIT_PROPERTY));
        RootConfiguration.Loaded config = RootConfiguration.load(context.getProperty(CONFIG_PROPERTY), logger);
        if (config.failure().isPresent()) {
            failBeforeBackend(config.failure().get(), exitPolicy, RootConfiguration.fallbackListenAddress());
            return;
        }
        DefaultRootConfigService root = config.root().orElseThrow();
        ExitPolicy policy = exitPolicy.withConfig(root);
        Optional<String> unusable = RootConfiguration.applyLogging(root, logger).or(() -> RootConfiguration.checkListen(root));
        if (unusable.isPresent()) {
            failBeforeBackend(unusable.get(), policy, RootConfiguration.listenOrFallback(root));
            return;
        }
        try {
            this.backend = new HostedBackend(context, configAdmin, root, logger,
                    reason -> fail(reason, policy.exitOnFatal()),
                    reason -> {
                        if (policy.exitOnAbortedStart()) {
                            process.exit(1, reason + " and " + EXIT_PROPERTY + " is true");
                        }
                    });
        } catch (RuntimeException e) {
            // Never let the component fail silently in SCR's log: the process would run on, serving nothing.
            logger.error("The backend could not be set up", e);
            failBeforeBackend("The backend could not be set up: " + e, policy, RootConfiguration.listenOrFallback(root));
            return;
        }
        if (failed) {
            backend.closeQuietly(); // its HTTP address could not be had while it was set up
        }
    }

    /**
     * No backend runs: say why and exit, or serve 503 with the reason at {@code where} (Jetty has no address
     * from the host yet).
     */
    private void failBeforeBackend(String reason, ExitPolicy policy, ListenAddress where) {
        fail(reason, policy.exitOnFatal());
        if (!policy.exitOnFatal()) {
            new HttpSettings(context, new ConfigAdminStore(configAdmin), logger).apply(where, logger::error);
        }
    }

    /** The backend this host runs, for tests in the same bundle; empty when it could not start. */
    Optional<HostedBackend> backend() {
        return Optional.ofNullable(backend);
    }

    /** The backend cannot run at all: one line saying why, then exit, or serve 503 with the reason. */
    private synchronized void fail(String reason, boolean exit) {
        if (failed) {
            return;
        }
        failed = true;
        logger.error(reason);
        if (exit) {
            process.exit(1, "startup failed; set " + EXIT_PROPERTY + "=false to keep the process up");
            return;
        }
        if (backend != null) {
            backend.closeQuietly();
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/*");
        properties.put("osgi.http.whiteboard.servlet.name", "backline-unavailable");
        // Outranks the backend's servlet, should it still be registered.
        properties.put("service.ranking", Integer.MAX_VALUE);
        unavailable = context.registerService(Servlet.class, new UnavailableServlet(reason), (Dictionary<String, Object>) properties);
    }

    @Deactivate
    void deactivate() {
        if (backend != null) {
            backend.close();
        }
        if (unavailable != null) {
            try {
                unavailable.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while stopping
            }
        }
        process.close();
    }

    /**
     * Whether a startup failure ends the process: {@code backline.exitOnStartupFailure} as a framework
     * property (which also covers a configuration that cannot be read), else as a root configuration key.
     * Unset: a backend that cannot run at all exits, an aborted plugin start does not (readiness says 503).
     */
    record ExitPolicy(String setting) {
        ExitPolicy withConfig(dev.backline.plugin.api.services.Config root) {
            return setting != null ? this : new ExitPolicy(root.getOptionalBoolean(EXIT_PROPERTY).map(String::valueOf).orElse(null));
        }

        boolean exitOnFatal() {
            return setting == null || Boolean.parseBoolean(setting.trim());
        }

        boolean exitOnAbortedStart() {
            return setting != null && Boolean.parseBoolean(setting.trim());
        }
    }
}
