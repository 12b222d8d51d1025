package dev.backline.events.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.util.OsgiDataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import dev.backline.database.core.DatabaseManager;
import dev.backline.database.core.DatabaseServiceFactory;
import dev.backline.database.core.JdbcDrivers;
import dev.backline.database.core.MigrationResources;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.EventsService;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/**
 * Backends of the wiring core with {@code core.events} on an in-process bus each (one "instance" per backend), and
 * on request the {@code events} plugin with a database, a token-checking {@code core.httpAuth} and Jetty in front.
 * {@link #close()} stops them and drops the PostgreSQL databases they made.
 */
final class EventsBackends implements AutoCloseable {

    static final String TOKEN = "good-token";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    /** One started backend: its bus, its plugins' events services, its base URL when served over HTTP. */
    record Instance(Backend backend, EventsServices events, LocalEventBus bus, Map<String, EventsService> services,
            URI baseUrl) {

        EventsService of(String pluginId) {
            return services.get(pluginId);
        }
    }

    private final List<Backend> backends = new ArrayList<>();
    private final List<EventsServices> hubs = new ArrayList<>();
    private final List<DatabaseManager> managers = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    final CapturingLogger logs = new CapturingLogger();
    final String prefix = "bl_events_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private final HttpClient http = HttpClient.newHttpClient();

    /** A plugin that takes {@code core.events} and hands it to {@code init} (which may subscribe, open topics). */
    static BackendPlugin plugin(String pluginId, Consumer<EventsService> init) {
        return BackendPlugin.create(pluginId, env -> env.registerInit(List.of(CoreServices.EVENTS),
                deps -> init.accept(deps.get(CoreServices.EVENTS))));
    }

    /** The backend config of a PostgreSQL database per plugin, prefixed for this test run. */
    Map<String, Object> postgres() {
        databases.add(prefix + EventsPlugin.PLUGIN_ID);
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("client", "pg");
        database.put("prefix", prefix);
        database.put("connection", Map.of("host", "127.0.0.1", "port", 5432, "user", "postgres"));
        return Map.of("database", database);
    }

    /** A backend of {@code core.events} and these plugins, without the events plugin. */
    Instance start(BackendPlugin... plugins) {
        return start(null, Map.of(), plugins);
    }

    /**
     * A backend with the events plugin, its database ({@code backendConfig.database}, H2 without) and Jetty.
     *
     * @param rootConfig more root configuration, e.g. {@code events.retention}
     */
    Instance startWithEventsPlugin(Map<String, Object> backendConfig, Map<String, Object> rootConfig,
            BackendPlugin... plugins) {
        return start(backendConfig, rootConfig, plugins);
    }

    private Instance start(Map<String, Object> backendConfig, Map<String, Object> rootConfig, BackendPlugin... plugins) {
        LocalEventBus bus = new LocalEventBus();
        EventsServices events = new EventsServices(bus);
        hubs.add(events);
        Map<String, Object> config = new LinkedHashMap<>(rootConfig);
        config.put("backend", backendConfig == null ? Map.of() : backendConfig);
        Map<String, EventsService> services = new ConcurrentHashMap<>();
        Backend.Builder builder = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(config, "test")))
                .logger(logs)
                .add(events.factory());
        for (BackendPlugin plugin : plugins) {
            builder.add(plugin);
        }
        builder = collecting(builder, services, plugins);
        URI baseUrl = null;
        Server jetty = null;
        if (backendConfig != null) {
            JdbcDrivers drivers = new JdbcDrivers();
            drivers.add("org.h2.Driver", new OsgiDataSourceFactory(new org.h2.Driver()));
            drivers.add("org.postgresql.Driver", new PGDataSourceFactory());
            DatabaseManager manager = new DatabaseManager(drivers, MigrationResources.CLASS_PATH);
            managers.add(manager);
            builder.add(DatabaseServiceFactory.create(manager)).add(httpAuth()).add(events.plugin());
        }
        Backend backend = builder.build();
        backends.add(backend);
        if (backendConfig != null) {
            jetty = serve(backend);
            baseUrl = jetty.getURI();
        }
        backend.start();
        return new Instance(backend, events, bus, services, baseUrl);
    }

    /** Adds to each plugin a module that records the plugin's events service, for the test to call later. */
    private static Backend.Builder collecting(Backend.Builder builder, Map<String, EventsService> services,
            BackendPlugin... plugins) {
        for (BackendPlugin plugin : plugins) {
            builder.add(dev.backline.plugin.api.BackendModule.create(plugin.pluginId(), "events-probe",
                    env -> env.registerInit(List.of(CoreServices.EVENTS),
                            deps -> services.put(plugin.pluginId(), deps.get(CoreServices.EVENTS)))));
        }
        return builder;
    }

    private Server serve(Backend backend) {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(backend.httpDispatcher());
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start: " + e, e);
        }
        servers.add(jetty);
        return jetty;
    }

    /** {@code core.httpAuth} taking {@code Bearer good-token} (a service, "tester"), refusing others as the real one. */
    static ServiceFactory<HttpAuthService> httpAuth() {
        return ServiceFactory.of(CoreServices.HTTP_AUTH).factory(deps -> (request, allow) -> {
            String header = request.getHeader("Authorization");
            BackstagePrincipal principal;
            if (header == null) {
                if (allow.length > 0 && !List.of(allow).contains(PrincipalType.NONE)) {
                    throw new AuthenticationError("Missing credentials");
                }
                principal = new BackstagePrincipal.None();
            } else if (header.equals("Bearer " + TOKEN)) {
                principal = new BackstagePrincipal.Service("tester");
            } else {
                throw new AuthenticationError("Invalid token");
            }
            return new BackstageCredentials() {
                @Override
                public BackstagePrincipal principal() {
                    return principal;
                }

                @Override
                public Optional<Instant> expiresAt() {
                    return Optional.empty();
                }
            };
        });
    }

    /** A POST of {@code body} with the given headers (name, value, …). */
    HttpResponse<String> post(Instance instance, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.baseUrl().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Instance instance, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.baseUrl().resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    Connection connectToEventsDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + prefix + EventsPlugin.PLUGIN_ID,
                "postgres", "");
    }

    /** Waits for {@code condition} up to the deadline, polling every 10 ms; true when it held. */
    static boolean await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10); // polling the condition, up to the deadline
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        backends.forEach(Backend::stop);
        for (Server server : servers) {
            server.stop();
        }
        hubs.forEach(EventsServices::close);
        managers.forEach(DatabaseManager::close);
        if (!databases.isEmpty()) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                    Statement statement = admin.createStatement()) {
                for (String database : databases) {
                    statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
                }
            }
        }
    }
}
