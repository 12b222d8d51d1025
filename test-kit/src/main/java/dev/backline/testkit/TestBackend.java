package dev.backline.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import dev.backline.auditor.core.AuditorServiceFactory;
import dev.backline.cache.core.CacheServices;
import dev.backline.database.core.DatabaseManager;
import dev.backline.database.core.DatabaseServiceFactory;
import dev.backline.database.core.JdbcDrivers;
import dev.backline.database.core.MigrationResources;
import dev.backline.events.core.EventsServices;
import dev.backline.events.core.LocalEventBus;
import dev.backline.permissions.core.PermissionSystem;
import dev.backline.permissions.core.PolicySource;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.permission.PermissionPolicy;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.config.schema.CodeSourceConfigSchemas;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.wiring.PluginStartupResult;
import dev.backline.runtime.wiring.StartupResult;
import dev.backline.scheduler.core.SchedulerServiceFactory;
import dev.backline.urlreader.core.UrlReaderServiceFactory;

/**
 * A backend for one test, in plain Java (Backstage's {@code startTestBackend}): the features under test with the
 * default core services, a capturing logger, configuration from a map (checked against each feature's
 * {@code config.schema.json}, as the host does, secrets masked in the log), a database per plugin (embedded H2 unless
 * {@link Builder#database told otherwise}), mock credentials, events on an in-process bus with the {@code events}
 * plugin's HTTP ingress, permissions (allowed unless the test {@link Builder#permissionPolicy gives a policy}), and real
 * HTTP on a free port of 127.0.0.1.
 *
 * <pre>
 * TestBackend backend = TestBackend.start(new TodoPlugin());
 * TestResponse todos = backend.http().as(MockCredentials.user()).get("/api/todo/todos");
 * </pre>
 *
 * A module whose plugin is not among the features gets an empty plugin that provides the extension points given
 * with {@link Builder#extensionPoint}. A failed start throws, naming every failure. Stop it with {@link #stop()} (or
 * close it); under {@link BacklineTest} every backend a test starts is stopped after it, and a JVM shutdown hook
 * stops any left.
 */
public final class TestBackend implements AutoCloseable {

    private final Backend backend;
    private final Server server;
    private final CapturingLogger logs;
    private final DatabaseManager databases;
    private final EventsServices events;
    private final TestDatabase database;
    private final String databasePrefix;
    private final URI baseUrl;
    private final TestHttp http;
    private boolean stopped;

    private TestBackend(Backend backend, Server server, CapturingLogger logs, DatabaseManager databases, EventsServices events,
            TestDatabase database,
            String databasePrefix, URI baseUrl) {
        this.backend = backend;
        this.server = server;
        this.logs = logs;
        this.databases = databases;
        this.events = events;
        this.database = database;
        this.databasePrefix = databasePrefix;
        this.baseUrl = baseUrl;
        this.http = new TestHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), baseUrl, Map.of());
    }

    /** Starts a backend of these plugins and modules with everything else at its default. */
    public static TestBackend start(BackendFeature... features) {
        Builder builder = builder();
        for (BackendFeature feature : features) {
            builder.add(feature);
        }
        return builder.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** HTTP against this backend, without credentials; {@code http().as(MockCredentials.user())} to have some. */
    public TestHttp http() {
        return http;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
    }

    /** Every line the backend and its plugins logged, with their fields. */
    public CapturingLogger logs() {
        return logs;
    }

    /** The instance of a plugin-scoped service that a plugin (and its modules) receives. */
    public <T> T pluginService(String pluginId, ServiceRef<T> ref) {
        return backend.pluginService(pluginId, ref);
    }

    /** A root service's instance. */
    public <T> T rootService(ServiceRef<T> ref) {
        return backend.rootService(ref);
    }

    /** Stops and starts one plugin with its modules, as a bundle update would; the result says how it went. */
    public PluginStartupResult restartPlugin(String pluginId) {
        return backend.initializer().restartPlugin(pluginId)
                .orElseThrow(() -> new IllegalArgumentException("No plugin '" + pluginId + "' in this test backend"));
    }

    /** The runtime's backend, for what the kit does not wrap. */
    public Backend backend() {
        return backend;
    }

    /** Runs the shutdown hooks of every plugin, closes the server and drops the databases; safe to call again. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        RunningBackends.forget(this);
        List<Exception> errors = new ArrayList<>();
        try {
            backend.stop();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        try {
            server.stop();
        } catch (Exception e) {
            errors.add(e);
        }
        databases.close();
        events.close();
        try {
            database.dropAll(databasePrefix);
        } catch (Exception e) {
            errors.add(e);
        }
        if (!errors.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Stopping the test backend failed: " + errors.get(0), errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Assembles a {@link TestBackend}. */
    public static final class Builder {
        private final List<BackendFeature> features = new ArrayList<>();
        private final List<ServiceFactory<?>> factories = new ArrayList<>();
        private final Map<ExtensionPoint<?>, Object> extensionPoints = new LinkedHashMap<>();
        private Map<String, ?> config = Map.of();
        private TestDatabase database = TestDatabase.H2;
        private PermissionPolicy permissionPolicy;

        private Builder() {
        }

        /**
         * The permission policy {@code core.permissions} asks, as a policy bundle would provide it; it also sets
         * {@code permission.enabled} (unless the configuration says otherwise). Without one, permissions are disabled
         * and every request is allowed, as in a backend without {@code permission.enabled}.
         */
        public Builder permissionPolicy(PermissionPolicy policy) {
            this.permissionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** A plugin or module under test. */
        public Builder add(BackendFeature feature) {
            features.add(Objects.requireNonNull(feature, "feature"));
            return this;
        }

        /** A service factory: a mock of a core service, or a service of your own; it wins over the defaults. */
        public Builder add(ServiceFactory<?> factory) {
            factories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * The configuration, as {@code app-config.yaml} would have it: {@code Map.of("todo", Map.of("limit", 10))}, or
         * with dotted key paths: {@code Map.of("todo.limit", 10)}.
         * The kit sets {@code backend.baseUrl}, {@code backend.listen} and {@code backend.database} unless it says
         * otherwise.
         */
        public Builder config(Map<String, ?> config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** An extension point implementation for modules under test whose plugin is not added. */
        public <T> Builder extensionPoint(ExtensionPoint<T> extensionPoint, T implementation) {
            extensionPoints.put(Objects.requireNonNull(extensionPoint, "extensionPoint"),
                    Objects.requireNonNull(implementation, "implementation"));
            return this;
        }

        /** Where plugins keep their databases; embedded H2 by default. */
        public Builder database(TestDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * Starts the backend.
         *
         * @throws IllegalStateException naming every plugin and module that failed to start
         */
        public TestBackend start() {
            TestDatabases.requireReachable(database);
            CapturingLogger logs = new CapturingLogger();
            TestServer server = TestServer.start();
            String prefix = TestDatabase.newPrefix();
            DatabaseManager databases = new DatabaseManager(TestServices.drivers(), MigrationResources.CLASS_PATH);
            EventsServices events = new EventsServices(new LocalEventBus());
            Backend backend;
            try {
                Backend.Builder builder = Backend.builder()
                        .config(new DefaultRootConfigService(TestServices.config(config, server.baseUrl(), database.settings(prefix),
                                permissionPolicy != null)))
                        .logger(logs)
                        .configSchemas(new CodeSourceConfigSchemas())
                        .startupProgressIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5));
                Set<ServiceRef<?>> overridden = new LinkedHashSet<>();
                factories.forEach(factory -> {
                    builder.add(factory);
                    overridden.add(factory.service());
                });
                if (!overridden.contains(CoreServices.DATABASE)) {
                    builder.add(DatabaseServiceFactory.create(databases));
                }
                if (!overridden.contains(CoreServices.SCHEDULER)) {
                    builder.add(SchedulerServiceFactory.create());
                }
                if (!overridden.contains(CoreServices.AUDITOR)) {
                    builder.add(AuditorServiceFactory.create());
                }
                if (!overridden.contains(CoreServices.CACHE)) {
                    // its store closes with the backend's root lifecycle
                    builder.add(new CacheServices().factory());
                }
                MockAuthServices.factories().stream().filter(f -> !overridden.contains(f.service())).forEach(builder::add);
                PermissionSystem permissions = new PermissionSystem(PolicySource.of(permissionPolicy));
                permissions.serviceFactories().stream().filter(f -> !overridden.contains(f.service())).forEach(builder::add);
                // the permission plugin's POST /api/permission/authorize, as in the container
                if (features.stream().noneMatch(f -> f instanceof BackendPlugin && f.pluginId().equals(PermissionSystem.PLUGIN_ID))) {
                    builder.add(permissions.plugin());
                }
                if (!overridden.contains(CoreServices.URL_READER)) {
                    builder.add(UrlReaderServiceFactory.create());
                }
                if (!overridden.contains(CoreServices.EVENTS)) {
                    builder.add(events.factory());
                    // the events plugin serves the HTTP ingress, as in the container
                    if (features.stream().noneMatch(f -> f instanceof BackendPlugin && f.pluginId().equals("events"))) {
                        builder.add(events.plugin());
                    }
                }
                features.forEach(builder::add);
                emptyPlugins().forEach(builder::add);
                backend = builder.build();
            } catch (RuntimeException e) {
                server.stop();
                databases.close();
                events.close();
                throw e;
            }
            server.serve(backend.httpDispatcher());
            TestBackend started = new TestBackend(backend, server.jetty(), logs, databases, events, database, prefix,
                    server.baseUrl());
            RunningBackends.remember(started);
            StartupResult result;
            try {
                result = backend.start();
            } catch (RuntimeException e) {
                stopQuietly(started);
                throw new IllegalStateException("The test backend failed to start: " + e.getMessage(), e);
            }
            if (result.hasDisallowedFailure()) {
                List<String> failures = result.disallowedFailures();
                stopQuietly(started);
                throw new IllegalStateException("The test backend failed to start:\n  " + String.join("\n  ", failures));
            }
            return started;
        }

        private static void stopQuietly(TestBackend backend) {
            try {
                backend.stop();
            } catch (RuntimeException e) {
                // the startup failure says more
            }
        }

        /** An empty plugin for each plugin id that only modules name, providing the given extension points. */
        private List<BackendPlugin> emptyPlugins() {
            Set<String> plugins = new LinkedHashSet<>();
            Set<String> orphans = new LinkedHashSet<>();
            features.forEach(f -> (f instanceof BackendModule ? orphans : plugins).add(f.pluginId()));
            orphans.removeAll(plugins);
            if (orphans.isEmpty() && !extensionPoints.isEmpty()) {
                throw new IllegalStateException("Extension points " + extensionPoints.keySet() + " were given, but every module's "
                        + "plugin is among the features, and it provides its own");
            }
            List<BackendPlugin> empty = new ArrayList<>();
            for (String pluginId : orphans) {
                empty.add(BackendPlugin.create(pluginId, registrar -> {
                    extensionPoints.forEach((ref, implementation) -> {
                        if (orphans.size() == 1 || ref.id().startsWith(pluginId + ".")) {
                            register(registrar, ref, implementation);
                        }
                    });
                    registrar.registerInit(List.of(), deps -> { });
                }));
            }
            return empty;
        }

        @SuppressWarnings("unchecked")
        private static <T> void register(dev.backline.plugin.api.Registrar registrar, ExtensionPoint<T> ref, Object implementation) {
            registrar.registerExtensionPoint(ref, (T) implementation);
        }
    }

    /** Jetty on 127.0.0.1, a free port, serving the backend's dispatcher at {@code /*} once it is built. */
    private record TestServer(Server jetty, DelegatingServlet servlet, URI baseUrl) {

        static TestServer start() {
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            DelegatingServlet servlet = new DelegatingServlet();
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            holder.setInitOrder(0);
            context.addServlet(holder, "/*");
            jetty.setHandler(context);
            try {
                jetty.start();
            } catch (Exception e) {
                throw new IllegalStateException("The test backend's HTTP server did not start: " + e, e);
            }
            return new TestServer(jetty, servlet, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        }

        void serve(jakarta.servlet.Servlet dispatcher) {
            servlet.delegateTo(dispatcher);
        }

        void stop() {
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
