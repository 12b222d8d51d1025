package dev.backline.database.core;

import static dev.backline.database.core.DatabaseManagerPostgresTest.RUN;
import static dev.backline.database.core.DatabaseManagerPostgresTest.connectionsTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.wiring.PluginState;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.DatabaseService;

/**
 * The database service inside a real backend (the wiring core, without OSGi) on the real PostgreSQL: a
 * plugin restarted many times leaves no connections behind, because each stop closes its pool.
 */
class PluginRestartPostgresTest {

    private static final String PLUGIN_ID = "restarts";
    private static final String DATABASE = RUN + PLUGIN_ID;
    private static final int RESTARTS = 100;

    private final DatabaseManager manager = TestDatabases.manager();
    private Backend backend;

    @AfterEach
    void stop() throws SQLException {
        if (backend != null) {
            backend.stop();
        }
        manager.close();
        try (Connection admin = DatabaseManagerPostgresTest.admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + DATABASE + "\" WITH (FORCE)");
        }
    }

    @Test
    void restartingAPluginAHundredTimesLeavesNoExtraConnections() throws Exception {
        AtomicInteger inits = new AtomicInteger();
        BackendPlugin plugin = BackendPlugin.create(PLUGIN_ID, env -> env.registerInit(List.of(CoreServices.DATABASE), deps -> {
            DatabaseService database = deps.get(CoreServices.DATABASE);
            database.migrate(DatabaseMigrations.forPlugin(PluginRestartPostgresTest.class).location("db/test-plugin"));
            // Hold two connections at once, so the pool really grows beyond one before the stop.
            try (Connection a = database.getClient().getConnection(); Connection b = database.getClient().getConnection()) {
                inits.incrementAndGet();
            }
        }));
        backend = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", Map.of("database",
                        DatabaseManagerPostgresTest.pg(Map.of()))), "test")))
                .logger(new CapturingLogger())
                .add(DatabaseServiceFactory.create(manager))
                .add(plugin)
                .build();
        backend.start();
        int afterStart = connectionsTo(DATABASE);
        assertTrue(afterStart >= 1 && afterStart <= 5, "connections after start: " + afterStart);

        for (int i = 0; i < RESTARTS; i++) {
            backend.initializer().restartPlugin(PLUGIN_ID);
        }

        assertEquals(RESTARTS + 1, inits.get());
        assertEquals(PluginState.STARTED, backend.initializer().plugins().stream()
                .filter(p -> p.pluginId().equals(PLUGIN_ID)).findFirst().orElseThrow().state());
        int afterRestarts = awaitConnectionsAtMost(afterStart);
        assertTrue(afterRestarts <= afterStart, "connections: " + afterStart + " after start, " + afterRestarts
                + " after " + RESTARTS + " restarts");

        backend.initializer().stopPlugin(PLUGIN_ID);
        assertEquals(0, awaitConnectionsAtMost(0), "connections left after the plugin stopped");
    }

    /** PostgreSQL drops a backend process shortly after its client closes the socket; wait for that. */
    private static int awaitConnectionsAtMost(int expected) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        int count = connectionsTo(DATABASE);
        while (count > expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // polling pg_stat_activity, up to the deadline
            count = connectionsTo(DATABASE);
        }
        return count;
    }
}
