package dev.backline.database.core;

import static dev.backline.database.core.TestDatabases.column;
import static dev.backline.database.core.TestDatabases.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.backline.database.settings.DatabaseClient;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.MigrationResult;

class DatabaseManagerH2Test {

    private static final DatabaseMigrations PLUGIN = DatabaseMigrations.forPlugin(DatabaseManagerH2Test.class).location("db/test-plugin");
    private static final DatabaseMigrations MODULE = DatabaseMigrations.forModule("test-module", DatabaseManagerH2Test.class)
            .location("db/test-module");

    private final DatabaseManager manager = TestDatabases.manager();
    private final CapturingLogger logger = new CapturingLogger();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void pluginAndModuleMigrateSideBySideWithTheirOwnHistories() throws SQLException {
        PluginDatabase database = manager.open(ConfigReader.empty(), "catalog", logger);

        MigrationResult module = database.migrate(MODULE);
        MigrationResult plugin = database.migrate(PLUGIN);

        assertEquals(new MigrationResult(2, "2", "test_module__flyway_schema_history", false), module);
        assertEquals(new MigrationResult(1, "1", "flyway_schema_history", false), plugin);
        assertEquals(List.of("plugin"), column(database.getClient(), "SELECT owner FROM things"));
        assertEquals(List.of("module", "module"), column(database.getClient(), "SELECT owner FROM test_module__things"));
        // Each history records its own migrations (after the baseline marker of the shared schema).
        assertEquals(List.of("1"), column(database.getClient(),
                "SELECT version FROM flyway_schema_history WHERE type = 'SQL' AND success"));
        assertEquals(List.of("1", "2"), column(database.getClient(),
                "SELECT version FROM test_module__flyway_schema_history WHERE type = 'SQL' AND success ORDER BY installed_rank"));
    }

    @Test
    void aSecondRunAppliesNothing() throws SQLException {
        PluginDatabase database = manager.open(ConfigReader.empty(), "catalog", logger);
        database.migrate(PLUGIN);

        assertEquals(new MigrationResult(0, "1", "flyway_schema_history", false), database.migrate(PLUGIN));
    }

    @Test
    void eachPluginHasItsOwnDatabase() throws SQLException {
        manager.open(ConfigReader.empty(), "catalog", logger).migrate(PLUGIN);
        PluginDatabase other = manager.open(ConfigReader.empty(), "search", logger);

        assertEquals(List.of(), column(other.getClient(),
                "SELECT table_name FROM information_schema.tables WHERE table_name = 'things'"));
    }

    @Test
    void skipMigrationsRunsNothing() throws SQLException {
        PluginDatabase database = manager.open(config(Map.of("skipMigrations", true)), "catalog", logger);

        assertEquals(MigrationResult.skipped("flyway_schema_history"), database.migrate(PLUGIN));
        assertEquals(List.of(), column(database.getClient(),
                "SELECT table_name FROM information_schema.tables WHERE table_name IN ('things', 'flyway_schema_history')"));
        assertTrue(logger.contains("Migrations skipped"), logger.lines().toString());
    }

    @Test
    void aLocationWithoutMigrationsIsAnErrorNamingIt() {
        PluginDatabase database = manager.open(ConfigReader.empty(), "catalog", logger);

        SQLException error = assertThrows(SQLException.class,
                () -> database.migrate(DatabaseMigrations.forPlugin(DatabaseManagerH2Test.class).location("db/nothing-here")));
        assertTrue(error.getMessage().contains("no SQL migrations found"), error.getMessage());
        assertTrue(error.getMessage().contains("db/nothing-here"), error.getMessage());
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
    }

    @Test
    void aFailingMigrationNamesThePluginAndTheHistoryTable() {
        PluginDatabase database = manager.open(ConfigReader.empty(), "catalog", logger);

        SQLException error = assertThrows(SQLException.class,
                () -> database.migrate(DatabaseMigrations.forModule("broken-module", DatabaseManagerH2Test.class).location("db/broken")));
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
        assertTrue(error.getMessage().contains("broken_module__flyway_schema_history"), error.getMessage());
        assertTrue(error.getMessage().contains("V1__broken.sql"), error.getMessage());
    }

    @Test
    void inMemoryDataOutlivesAPluginRestartButNotTheBackend() throws SQLException {
        PluginDatabase first = manager.open(ConfigReader.empty(), "catalog", logger);
        first.migrate(PLUGIN);
        manager.release(first);
        assertFalse(first.isPoolOpen());

        PluginDatabase second = manager.open(ConfigReader.empty(), "catalog", logger);
        assertEquals(List.of("plugin"), column(second.getClient(), "SELECT owner FROM things"));

        String url = "jdbc:h2:mem:" + manager.instanceName() + "-catalog";
        manager.close();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertEquals(List.of(), column(connection,
                    "SELECT table_name FROM information_schema.tables WHERE lower(table_name) = 'things'"));
        }
    }

    @Test
    void fileDatabasesKeepDataAndAreReleasedWhenThePluginStops() throws SQLException {
        Map<String, ?> onDisk = Map.of("client", "h2", "connection", Map.of("directory", dir.toString()));
        PluginDatabase first = manager.open(config(onDisk), "catalog", logger);
        first.migrate(PLUGIN);
        manager.release(first);

        assertTrue(Files.exists(dir.resolve("catalog.mv.db")));
        // The pool is closed, so the file is no longer locked and another process may open it.
        try (Connection direct = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("catalog") + RawDataSources.H2_OPTIONS, "sa", "")) {
            assertEquals(List.of("plugin"), column(direct, "SELECT owner FROM things"));
        }

        PluginDatabase second = manager.open(config(onDisk), "catalog", logger);
        assertEquals(new MigrationResult(0, "1", "flyway_schema_history", false), second.migrate(PLUGIN));
        assertEquals(List.of("plugin"), column(second.getClient(), "SELECT owner FROM things"));
    }

    @Test
    void fileDatabasesWriteEachCommitBeforeItReturns() throws SQLException {
        PluginDatabase database = manager.open(config(Map.of("client", "h2", "connection", Map.of("directory", dir.toString()))),
                "catalog", logger);
        // H2 defaults to a 500 ms write delay, in which acknowledged commits are lost when the process dies.
        assertEquals(List.of("0"), column(database.getClient(),
                "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'"));
    }

    @Test
    void aStoppedPluginsDatabaseRefusesUse() {
        PluginDatabase database = manager.open(ConfigReader.empty(), "catalog", logger);
        manager.release(database);

        SQLException error = assertThrows(SQLException.class, database::getClient);
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
    }

    @Test
    void reopeningAPluginClosesItsPreviousPool() throws SQLException {
        PluginDatabase first = manager.open(ConfigReader.empty(), "catalog", logger);
        first.getClient();

        manager.open(ConfigReader.empty(), "catalog", logger);

        assertFalse(first.isPoolOpen());
    }

    @Test
    void aMissingDriverNamesTheClientAndTheDriverClass() {
        DatabaseManager withoutDrivers = new DatabaseManager(new JdbcDrivers(), MigrationResources.CLASS_PATH);
        PluginDatabase database = withoutDrivers.open(config(Map.of("knexConfig", Map.of("pool", Map.of("acquireTimeoutMillis", 200)))),
                "catalog", logger);

        SQLException error = assertThrows(SQLException.class, database::getClient);
        assertTrue(error.getMessage().contains("client 'h2'"), error.getMessage());
        assertTrue(error.getMessage().contains(DatabaseClient.H2.driverClass()), error.getMessage());
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
        withoutDrivers.close();
    }
}
