package dev.backline.events.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The {@code events} plugin: serves the HTTP ingress under {@code /api/events/http}, and when its database is
 * PostgreSQL shares events with every instance using that database ({@link PostgresRelay}). On any other database
 * (H2, the default) events stay within the instance.
 */
final class EventsPlugin implements BackendPlugin {

    static final String PLUGIN_ID = "events";
    /** How long events stay in the shared table, for instances catching up after a lost connection. */
    static final String RETENTION_KEY = "events.retention";
    static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

    private final EventsServices services;

    EventsPlugin(EventsServices services) {
        this.services = services;
    }

    @Override
    public String pluginId() {
        return PLUGIN_ID;
    }

    @Override
    public void register(Registrar env) {
        env.registerInit(List.of(CoreServices.LOGGER, CoreServices.CONFIG, CoreServices.DATABASE, CoreServices.HTTP_ROUTER,
                CoreServices.HTTP_AUTH, CoreServices.LIFECYCLE), deps -> {
                    var router = deps.get(CoreServices.HTTP_ROUTER);
                    router.use("/http", new IngressServlet(services.ingress(), deps.get(CoreServices.HTTP_AUTH)));
                    // Open to everyone at the barrier: the servlet asks for credentials unless the topic is open.
                    router.addAuthPolicy(new HttpAuthPolicy("/http", HttpAuthPolicy.Allow.UNAUTHENTICATED));

                    Duration retention = deps.get(CoreServices.CONFIG).getOptionalDuration(RETENTION_KEY)
                            .orElse(DEFAULT_RETENTION);
                    if (retention.isNegative() || retention.isZero()) {
                        throw new ConfigException(RETENTION_KEY, "The events retention at " + RETENTION_KEY
                                + " must be positive, got " + retention);
                    }
                    LoggerService logger = deps.get(CoreServices.LOGGER);
                    if (!namesPostgres(deps.get(CoreServices.CONFIG))) {
                        // No database is opened only to learn that it is H2: that cost a small backend's start 0.4 s.
                        logger.info("Events stay within this instance: the events plugin's database is H2; with"
                                + " PostgreSQL they reach every instance sharing it");
                        return;
                    }
                    var database = deps.get(CoreServices.DATABASE);
                    DataSource dataSource = database.getClient();
                    String product = productOf(dataSource);
                    if (!PostgresRelay.PRODUCT.equals(product)) {
                        logger.info("Events stay within this instance: the events plugin's database is " + product
                                + "; with PostgreSQL they reach every instance sharing it");
                        return;
                    }
                    // its own location: on a class path (tests, embedding) db/migration is every jar's
                    database.migrate(DatabaseMigrations.forPlugin(EventsPlugin.class).location("db/backline-events"));
                    PostgresRelay relay = new PostgresRelay(dataSource, services, retention, logger);
                    relay.start();
                    services.attach(relay);
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> {
                        services.detach(relay);
                        relay.close();
                    });
                    logger.info("Events are shared with every instance using this PostgreSQL database (table "
                            + PostgresRelay.TABLE + ", channel " + PostgresRelay.CHANNEL + ", kept " + retention + ")");
                });
    }

    /** Whether the configuration gives the events plugin a PostgreSQL client, its own or the backend's (H2 when none). */
    static boolean namesPostgres(Config config) {
        String client = config.getOptionalString("backend.database.plugin." + PLUGIN_ID + ".client")
                .or(() -> config.getOptionalString("backend.database.client")).orElse("h2");
        // as the database service reads the name: letter case and spaces around it do not count
        return Set.of("pg", "postgres", "postgresql").contains(client.trim().toLowerCase(Locale.ROOT));
    }

    private static String productOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    @Override
    public String toString() {
        return "plugin '" + PLUGIN_ID + "'";
    }
}
