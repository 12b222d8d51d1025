package dev.backline.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.function.Supplier;

import dev.backline.runtime.wiring.Scope;
import dev.backline.runtime.config.ConfigDurations;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.config.schema.ConfigSchemaSource;
import dev.backline.runtime.config.schema.SchemaConfigCheck;
import dev.backline.runtime.http.BackendDispatcherServlet;
import dev.backline.runtime.http.CredentialsBarrier;
import dev.backline.runtime.http.HttpEdgeSettings;
import dev.backline.runtime.http.RouteTable;
import dev.backline.runtime.logging.ConfigurableRootLogger;
import dev.backline.runtime.logging.Slf4jRootLogger;
import dev.backline.runtime.services.DefaultServiceFactories;
import dev.backline.runtime.wiring.BackendInitializer;
import dev.backline.runtime.wiring.PluginConfigCheck;
import dev.backline.runtime.wiring.ServiceRegistry;
import dev.backline.runtime.wiring.ServiceSource;
import dev.backline.runtime.wiring.StartupResult;
import dev.backline.runtime.wiring.TypeOrigin;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.RootConfigService;

/**
 * A backend assembled in plain Java, for embedding and for tests: Backstage's {@code createBackend()}.
 *
 * <pre>{@code
 * Backend backend = Backend.builder()
 *         .add(new CatalogPlugin())
 *         .add(new CatalogModuleExampleProcessor())
 *         .build();
 * backend.start();
 * ...
 * backend.stop();
 * }</pre>
 *
 * It has the default core services (configuration from {@code app-config.yaml} unless given one,
 * SLF4J logging, lifecycles, instance metadata, health, discovery); factories added with
 * {@link Builder#add(ServiceFactory)} override them.
 */
public final class Backend {

    /** Turns the default-deny policy in front of plugin routes off; a warning says so at every start. */
    public static final String AUTH_POLICY_DISABLED = "backend.auth.dangerouslyDisableDefaultAuthPolicy";

    private final BackendInitializer initializer;
    private final RouteTable routes;
    private final BackendDispatcherServlet dispatcher;
    private final Supplier<Set<String>> configSecrets;
    private final PluginConfigCheck configCheck;

    private Backend(BackendInitializer initializer, RouteTable routes, BackendDispatcherServlet dispatcher,
            Supplier<Set<String>> configSecrets, PluginConfigCheck configCheck) {
        this.configSecrets = configSecrets;
        this.configCheck = configCheck;
        this.initializer = initializer;
        this.routes = routes;
        this.dispatcher = dispatcher;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every plugin with its modules.
     *
     * @see BackendInitializer#start()
     */
    public StartupResult start() {
        StartupResult result = initializer.start();
        Config root = rootService(CoreServices.ROOT_CONFIG);
        if (root.getOptionalBoolean(AUTH_POLICY_DISABLED).orElse(false)) {
            rootService(CoreServices.ROOT_LOGGER).warn(AUTH_POLICY_DISABLED + " is true: every plugin route answers"
                    + " anyone, without credentials");
        }
        return result;
    }

    /** Runs the shutdown phases; safe to call more than once. */
    public void stop() {
        initializer.stop();
    }

    /** The initializer, for restarting single plugins and for inspecting state. */
    public BackendInitializer initializer() {
        return initializer;
    }

    /** Every route of this backend, by plugin. */
    public RouteTable routes() {
        return routes;
    }

    /**
     * The servlet that serves this backend ({@code /api/<pluginId>/...}, health probes, root routes); mount
     * it at {@code /*} of any Jakarta Servlet 6 container.
     */
    public BackendDispatcherServlet httpDispatcher() {
        return dispatcher;
    }

    /** A root service's instance. */
    public <T> T rootService(ServiceRef<T> ref) {
        return ref.type().cast(initializer.registry().get(ref, Scope.ROOT));
    }

    /** The dotted key paths whose configuration values are secret, as the schemas say now. */
    public Set<String> configSecrets() {
        return Set.copyOf(configSecrets.get());
    }

    /**
     * Checks a configuration view the plugin could get, as its start would (its and its modules' schemas),
     * without starting anything: how a configuration change is refused before it reaches the plugin.
     *
     * @throws RuntimeException naming every violation
     */
    public void checkPluginConfiguration(String pluginId, dev.backline.plugin.api.services.Config view) {
        List<BackendFeature> features = initializer.features().stream()
                .filter(feature -> feature.pluginId().equals(pluginId)).toList();
        configCheck.check(pluginId, features, () -> view);
    }

    /** The instance of a plugin-scoped service that a plugin (and its modules) receives. */
    public <T> T pluginService(String pluginId, ServiceRef<T> ref) {
        return ref.type().cast(initializer.registry().get(ref, Scope.plugin(pluginId)));
    }

    /** Assembles a {@link Backend}. */
    public static final class Builder {
        private final List<BackendFeature> features = new ArrayList<>();
        private final List<ServiceFactory<?>> factories = new ArrayList<>();
        private Supplier<RootConfigService> config;
        private Supplier<ConfigurableRootLogger> logger = Slf4jRootLogger::new;
        private DefaultServiceFactories.PluginConfigs pluginConfigs = DefaultServiceFactories.PluginConfigs.rootView();
        private TypeOrigin typeOrigin = TypeOrigin.CLASS_LOADER;
        private Duration progressFirstDelay = Duration.ofSeconds(1);
        private Duration progressMaxDelay = Duration.ofSeconds(60);
        private Supplier<Set<String>> configSecrets;
        private ConfigSchemaSource configSchemas = ConfigSchemaSource.NONE;
        private PluginConfigCheck configCheck = PluginConfigCheck.NONE;

        private Builder() {
        }

        /** Adds a plugin or module. */
        public Builder add(BackendFeature feature) {
            features.add(Objects.requireNonNull(feature, "feature"));
            return this;
        }

        /** Adds a service factory; it takes precedence over the defaults. */
        public Builder add(ServiceFactory<?> factory) {
            factories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * The root configuration; by default {@code app-config.yaml} (+ local) in the working directory, or
         * built-in defaults when there is none.
         */
        public Builder config(RootConfigService config) {
            Objects.requireNonNull(config, "config");
            this.config = () -> config;
            return this;
        }

        /** The root logger; by default SLF4J under the name {@code backline}. */
        public Builder logger(ConfigurableRootLogger logger) {
            Objects.requireNonNull(logger, "logger");
            this.logger = () -> logger;
            return this;
        }

        /** How each plugin's configuration view is made; by default the root configuration itself. */
        public Builder pluginConfigs(DefaultServiceFactories.PluginConfigs pluginConfigs) {
            this.pluginConfigs = Objects.requireNonNull(pluginConfigs, "pluginConfigs");
            return this;
        }

        /** How errors describe where a class was loaded from (the OSGi host names bundles). */
        public Builder typeOrigin(TypeOrigin typeOrigin) {
            this.typeOrigin = Objects.requireNonNull(typeOrigin, "typeOrigin");
            return this;
        }

        /** Intervals of the "still initializing" log while plugins start (1 s doubling up to 60 s by default). */
        public Builder startupProgressIntervals(Duration first, Duration max) {
            this.progressFirstDelay = Objects.requireNonNull(first, "first");
            this.progressMaxDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * The dotted key paths whose configuration values are secret, asked each time they are needed; by
         * default those the {@link #configSchemas configuration schemas} of the added features mark secret.
         */
        public Builder configSecrets(Supplier<Set<String>> configSecrets) {
            this.configSecrets = Objects.requireNonNull(configSecrets, "configSecrets");
            return this;
        }

        /**
         * Where the configuration schemas of plugins and modules come from; none by default. Each plugin's
         * configuration is validated against the schemas of the plugin and its modules when it starts (a
         * violation is its startup failure), and the values at their secret paths are masked in the log.
         */
        public Builder configSchemas(ConfigSchemaSource configSchemas) {
            this.configSchemas = Objects.requireNonNull(configSchemas, "configSchemas");
            return this;
        }

        /** A further check of each plugin's configuration at its start, run after the schema check. */
        public Builder pluginConfigCheck(PluginConfigCheck configCheck) {
            this.configCheck = Objects.requireNonNull(configCheck, "configCheck");
            return this;
        }

        public Backend build() {
            ServiceRegistry registry = new ServiceRegistry(typeOrigin);
            ConfigurableRootLogger rootLogger = logger.get();
            SchemaConfigCheck schemaCheck = new SchemaConfigCheck(configSchemas, rootLogger::addRedactions);
            PluginConfigCheck extraCheck = configCheck;
            PluginConfigCheck allChecks = (pluginId, features, config) -> {
                schemaCheck.check(pluginId, features, config);
                extraCheck.check(pluginId, features, config);
            };
            BackendInitializer initializer = new BackendInitializer(registry, progressFirstDelay, progressMaxDelay, allChecks);
            Supplier<Set<String>> secrets = configSecrets != null
                    ? configSecrets
                    : () -> schemaCheck.secretPaths(initializer.features());
            Supplier<RootConfigService> rootConfig = config != null
                    ? config
                    : () -> DefaultRootConfigService.loadOrDefaults(Path.of(""), rootLogger);
            RouteTable routes = new RouteTable(Duration.ofSeconds(5), rootLogger);
            initializer.addListener(routes);
            for (ServiceFactory<?> factory : DefaultServiceFactories.create(rootConfig, pluginConfigs, () -> rootLogger,
                    initializer::installedPlugins, initializer::state, initializer::lastStartupResult, routes)) {
                registry.add(factory, ServiceSource.DEFAULT, typeOrigin.describe(DefaultServiceFactories.class));
            }
            factories.forEach(factory -> registry.add(factory, ServiceSource.EXPLICIT));
            features.forEach(initializer::add);
            Supplier<Boolean> authPolicyDisabled = authPolicyDisabled(initializer);
            CredentialsBarrier barrier = new CredentialsBarrier(authPolicyDisabled::get,
                    pluginId -> pluginService(initializer, CoreServices.HTTP_AUTH, pluginId));
            BackendDispatcherServlet dispatcher = new BackendDispatcherServlet(routes,
                    () -> rootServiceIfReady(initializer, CoreServices.ROOT_HEALTH),
                    startupPause(initializer),
                    edgeSettings(initializer), barrier, pluginId -> pluginService(initializer, CoreServices.AUTH, pluginId),
                    rootLogger);
            return new Backend(initializer, routes, dispatcher, secrets, allChecks);
        }

        /** CORS and body size from the root configuration, read once it exists (and again if it is replaced). */
        private static Supplier<HttpEdgeSettings> edgeSettings(BackendInitializer initializer) {
            return fromRootConfig(initializer, HttpEdgeSettings::from, HttpEdgeSettings.DEFAULTS);
        }

        /** {@code backend.auth.dangerouslyDisableDefaultAuthPolicy}, once the root configuration exists. */
        private static Supplier<Boolean> authPolicyDisabled(BackendInitializer initializer) {
            return fromRootConfig(initializer, c -> c.getOptionalBoolean(AUTH_POLICY_DISABLED).orElse(false), false);
        }

        /** How long a request waits for its starting plugin ({@code backend.lifecycle.startupRequestPauseTimeout}). */
        private static Supplier<Duration> startupPause(BackendInitializer initializer) {
            return fromRootConfig(initializer, c -> ConfigDurations.read(c, "backend.lifecycle.startupRequestPauseTimeout")
                    .orElse(Duration.ofSeconds(5)), Duration.ofSeconds(5));
        }

        /**
         * A value read from the root configuration for every request: computed once per configuration instance (again
         * only when it is replaced); {@code fallback} before the configuration exists.
         */
        private static <T> Supplier<T> fromRootConfig(BackendInitializer initializer, java.util.function.Function<Config, T> read,
                T fallback) {
            java.util.concurrent.atomic.AtomicReference<Map.Entry<Object, T>> cached = new java.util.concurrent.atomic.AtomicReference<>();
            return () -> rootServiceIfReady(initializer, CoreServices.ROOT_CONFIG).map(config -> {
                Map.Entry<Object, T> last = cached.get();
                if (last != null && last.getKey() == config) {
                    return last.getValue();
                }
                T value = read.apply(config);
                cached.set(Map.entry(config, value));
                return value;
            }).orElse(fallback);
        }

        /**
         * A plugin's instance of a service, created on first use (the plugin is serving, so its services may
         * be); empty when no factory provides the service.
         */
        private static <T> Optional<T> pluginService(BackendInitializer initializer, ServiceRef<T> ref, String pluginId) {
            return initializer.registry().provides(ref)
                    ? Optional.of(ref.type().cast(initializer.registry().get(ref, Scope.plugin(pluginId))))
                    : Optional.empty();
        }

        /** A root service if it exists already; never creates one, so a request cannot run ahead of the start. */
        private static <T> Optional<T> rootServiceIfReady(BackendInitializer initializer, ServiceRef<T> ref) {
            return initializer.registry().existingInstance(ref, Scope.ROOT).map(ref.type()::cast);
        }
    }
}
