package dev.backline.database.core;

import static dev.backline.database.core.TestDatabases.column;
import static dev.backline.database.core.TestDatabases.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.services.DatabaseMigrations;

/**
 * Against the real PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; {@code .ci/run} starts it).
 * Every database and role made here carries a prefix unique to the run, and is dropped at the end.
 */
class DatabaseManagerPostgresTest {

    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String RUN = "bl_ut_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private static final String NO_CREATEDB_ROLE = RUN + "nocreatedb";

    private static final DatabaseMigrations PLUGIN = DatabaseMigrations.forPlugin(DatabaseManagerPostgresTest.class)
            .location("db/test-plugin");
    private static final DatabaseMigrations MODULE = DatabaseMigrations.forModule("test-module", DatabaseManagerPostgresTest.class)
            .location("db/test-module");

    private final DatabaseManager manager = TestDatabases.manager();
    private final CapturingLogger logger = new CapturingLogger();

    static Map<String, Object> pg(Map<String, ?> overrides) {
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("client", "pg");
        database.put("prefix", RUN);
        database.put("connection", Map.of("host", "127.0.0.1", "port", 5432, "user", "postgres"));
        database.putAll(overrides);
        return database;
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, "postgres", "");
    }

    static boolean databaseExists(String name) throws SQLException {
        try (Connection admin = admin()) {
            return !column(admin, "SELECT datname FROM pg_database WHERE datname = '" + name + "'").isEmpty();
        }
    }

    static int connectionsTo(String database) throws SQLException {
        try (Connection admin = admin();
                PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @BeforeAll
    static void createRoleWithoutCreateDb() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + NO_CREATEDB_ROLE + " LOGIN NOCREATEDB");
        }
    }

    @AfterAll
    static void dropEverythingOfThisRun() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            for (String database : column(admin, "SELECT datname FROM pg_database WHERE datname LIKE '" + RUN + "%'")) {
                statement.execute("DROP DATABASE \"" + database + "\" WITH (FORCE)");
            }
            statement.execute("DROP ROLE IF EXISTS " + NO_CREATEDB_ROLE);
        }
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void eachPluginGetsItsOwnDatabaseOnFirstUse() throws SQLException {
        PluginDatabase catalog = manager.open(config(pg(Map.of())), "catalog", logger);
        manager.open(config(pg(Map.of())), "search", logger);
        assertFalse(databaseExists(RUN + "catalog"), "created before first use");

        catalog.getClient();

        assertTrue(databaseExists(RUN + "catalog"));
        assertFalse(databaseExists(RUN + "search"), "search never asked for its database");
    }

    @Test
    void pluginsStartingTogetherEachGetTheirDatabase() throws Exception {
        // Plugins start in parallel, so first uses of the service overlap. (Whether PostgreSQL would refuse
        // unserialised CREATE DATABASE here depends on timing; this pins only that every plugin gets its own.)
        List<String> ids = List.of("par_a", "par_b", "par_c", "par_d");
        List<PluginDatabase> databases = ids.stream().map(id -> manager.open(config(pg(Map.of())), id, logger)).toList();

        List<java.util.concurrent.CompletableFuture<javax.sql.DataSource>> opening = databases.stream()
                .map(database -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return database.getClient();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        for (var future : opening) {
            future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        for (String id : ids) {
            assertTrue(databaseExists(RUN + id), RUN + id);
        }
    }

    @Test
    void twoBackendsCreatingOnePluginsDatabaseAtOnceBothGetIt() throws Exception {
        // Two instances of a backend starting together on one server: each has its own manager, so only
        // PostgreSQL serialises their CREATE DATABASE, and the loser sees the winner's row appear under it.
        openedByTwoBackendsAtOnce(pg(Map.of()), "twice_");
        for (int i = 0; i < 8; i++) {
            assertTrue(databaseExists(RUN + "twice_" + i), RUN + "twice_" + i);
        }
    }

    @Test
    void twoBackendsCreatingOnePluginsSchemaAtOnceBothGetIt() throws Exception {
        String shared = RUN + "shared_schemas";
        openedByTwoBackendsAtOnce(pg(Map.of("pluginDivisionMode", "schema", "connection",
                Map.of("host", "127.0.0.1", "port", 5432, "user", "postgres", "database", shared))), "twice_");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + shared, "postgres", "")) {
            assertEquals(8, column(connection, "SELECT schema_name FROM information_schema.schemata"
                    + " WHERE schema_name LIKE 'twice\\_%'").size());
        }
    }

    /** Opens plugins {@code <prefix>0..7}, each by two managers (two backends) at the same moment. */
    private void openedByTwoBackendsAtOnce(Map<String, Object> settings, String prefix) throws Exception {
        DatabaseManager other = TestDatabases.manager();
        try {
            for (int i = 0; i < 8; i++) {
                String id = prefix + i;
                List<PluginDatabase> instances = List.of(manager.open(config(settings), id, logger),
                        other.open(config(settings), id, logger));
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.CompletableFuture<javax.sql.DataSource>> opening = instances.stream()
                        .map(database -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                go.await();
                                return database.getClient();
                            } catch (SQLException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        })).toList();
                go.countDown();
                for (var future : opening) {
                    future.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
        } finally {
            other.close();
        }
    }

    @Test
    void pluginAndModuleHistoriesLiveSideBySideInThePluginsDatabase() throws SQLException {
        PluginDatabase database = manager.open(config(pg(Map.of())), "histories", logger);

        database.migrate(PLUGIN);
        database.migrate(MODULE);

        assertEquals(List.of("flyway_schema_history", "test_module__flyway_schema_history", "test_module__things", "things"),
                column(database.getClient(), "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name"));
        assertEquals(List.of("1", "2"), column(database.getClient(),
                "SELECT version FROM test_module__flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank"));
    }

    @Test
    void aConnectionStringWorksLikeAnObject() throws SQLException {
        PluginDatabase database = manager.open(config(pg(Map.of("connection", "postgresql://postgres@127.0.0.1:5432/ignored"))),
                "bystring", logger);

        assertEquals(List.of(RUN + "bystring"), column(database.getClient(), "SELECT current_database()"));
    }

    @Test
    void schemaModeGivesEachPluginASchemaInOneDatabase() throws SQLException {
        String shared = RUN + "shared";
        Map<String, Object> database = pg(Map.of("pluginDivisionMode", "schema",
                "connection", Map.of("host", "127.0.0.1", "port", 5432, "user", "postgres", "database", shared)));
        PluginDatabase inventory = manager.open(config(database), "inventory", logger);
        PluginDatabase orders = manager.open(config(database), "orders", logger);

        inventory.migrate(PLUGIN);
        inventory.migrate(MODULE);
        orders.migrate(PLUGIN);

        assertTrue(databaseExists(shared));
        assertFalse(databaseExists(RUN + "inventory"));
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + shared, "postgres", "")) {
            assertEquals(List.of("inventory.flyway_schema_history", "inventory.test_module__flyway_schema_history",
                            "inventory.test_module__things", "inventory.things", "orders.flyway_schema_history", "orders.things"),
                    column(connection, "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                            + " WHERE table_schema IN ('inventory', 'orders') ORDER BY 1"));
        }
        // Unqualified names resolve in the plugin's own schema.
        assertEquals(List.of("plugin"), column(inventory.getClient(), "SELECT owner FROM things"));
    }

    @Test
    void aMissingDatabaseWithEnsureExistsOffNamesPluginServerAndDatabase() {
        PluginDatabase database = manager.open(config(pg(Map.of("ensureExists", false))), "absent", logger);

        SQLException error = assertThrows(SQLException.class, database::getClient);

        assertEquals("3D000", error.getSQLState());
        assertMentions(error, "Plugin 'absent'", "127.0.0.1:5432", "database '" + RUN + "absent'", "does not exist");
    }

    @Test
    void anUnreachableServerNamesPluginHostPortAndDatabase() {
        PluginDatabase database = manager.open(config(pg(Map.of(
                "connection", Map.of("host", "127.0.0.1", "port", 1, "user", "postgres", "password", "pw-unreachable")))),
                "offline", logger);

        SQLException error = assertThrows(SQLException.class, database::getClient);

        assertMentions(error, "Plugin 'offline' cannot reach PostgreSQL at 127.0.0.1:1", "database '" + RUN + "offline'");
        assertFalse(error.getMessage().contains("pw-unreachable"), error.getMessage());
    }

    @Test
    void refusedCredentialsNameTheUserButNeverThePassword() {
        String password = "pw-" + UUID.randomUUID();
        PluginDatabase database = manager.open(config(pg(Map.of(
                "connection", Map.of("host", "127.0.0.1", "port", 5432, "user", RUN + "nobody", "password", password)))),
                "intruder", logger);

        SQLException error = assertThrows(SQLException.class, database::getClient);

        assertTrue(error.getSQLState().startsWith("28"), error.getSQLState());
        assertMentions(error, "refused user '" + RUN + "nobody'", "plugin 'intruder'", "127.0.0.1:5432",
                "database '" + RUN + "intruder'");
        assertFalse(error.getMessage().contains(password), error.getMessage());
    }

    @Test
    void aUserWithoutCreateDbGetsAnErrorSayingSo() {
        PluginDatabase database = manager.open(config(pg(Map.of(
                "connection", Map.of("host", "127.0.0.1", "port", 5432, "user", NO_CREATEDB_ROLE)))), "newcomer", logger);

        SQLException error = assertThrows(SQLException.class, database::getClient);

        assertEquals("42501", error.getSQLState());
        assertMentions(error, "Plugin 'newcomer'", "user '" + NO_CREATEDB_ROLE + "' may not create database '" + RUN + "newcomer'",
                "127.0.0.1:5432", "ensureExists: false");
    }

    private static void assertMentions(SQLException error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "expected '" + part + "' in: " + error.getMessage());
        }
    }
}
