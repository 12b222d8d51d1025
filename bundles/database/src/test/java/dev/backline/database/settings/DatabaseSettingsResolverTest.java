package dev.backline.database.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.config.ConfigReader;

class DatabaseSettingsResolverTest {

    private static PluginDatabaseSettings resolve(Map<String, ?> database, String pluginId) {
        return new DatabaseSettingsResolver(ConfigReader.of(Map.of("backend", Map.of("database", database)), "test"))
                .resolve(pluginId);
    }

    private static DatabaseTarget.Pg pg(Map<String, ?> database, String pluginId) {
        return assertInstanceOf(DatabaseTarget.Pg.class, resolve(database, pluginId).target());
    }

    private static DatabaseSettingsException failure(Map<String, ?> database, String pluginId) {
        return assertThrows(DatabaseSettingsException.class, () -> resolve(database, pluginId));
    }

    // --- embedded H2 ---

    @Test
    void withoutDatabaseConfigEachPluginGetsAnInMemoryH2Database() {
        PluginDatabaseSettings settings = new DatabaseSettingsResolver(ConfigReader.empty()).resolve("catalog");

        assertEquals(DatabaseClient.H2, settings.client());
        DatabaseTarget.H2 target = assertInstanceOf(DatabaseTarget.H2.class, settings.target());
        assertTrue(target.inMemory());
        assertEquals("catalog", target.pluginId());
        assertFalse(settings.skipMigrations());
        assertEquals(PoolSettings.DEFAULTS, settings.pool());
    }

    @Test
    void backstageSqliteConfigRunsOnH2() {
        PluginDatabaseSettings settings = resolve(Map.of("client", "better-sqlite3", "connection", ":memory:"), "catalog");

        assertEquals(DatabaseClient.H2, settings.client());
        assertTrue(((DatabaseTarget.H2) settings.target()).inMemory());
    }

    @Test
    void aDirectoryPutsEachPluginInItsOwnFile() {
        PluginDatabaseSettings settings = resolve(Map.of("client", "h2", "connection", Map.of("directory", "data/db")), "catalog");

        DatabaseTarget.H2 target = (DatabaseTarget.H2) settings.target();
        assertEquals(Path.of("data/db/catalog").toAbsolutePath().normalize(), target.file());
        assertTrue(target.describe().endsWith("catalog.mv.db"), target.describe());
    }

    @Test
    void aPluginFilenameIsResolvedAgainstTheDirectory() {
        DatabaseTarget.H2 target = (DatabaseTarget.H2) resolve(Map.of(
                "client", "h2",
                "connection", Map.of("directory", "data"),
                "plugin", Map.of("catalog", Map.of("connection", "catalog-store.mv.db"))), "catalog").target();

        assertEquals(Path.of("data/catalog-store").toAbsolutePath().normalize(), target.file());
    }

    @Test
    void aPluginCanStayInMemoryWhileOthersUseFiles() {
        Map<String, ?> database = Map.of("connection", Map.of("directory", "data"),
                "plugin", Map.of("scratch", Map.of("connection", ":memory:")));

        assertTrue(((DatabaseTarget.H2) resolve(database, "scratch").target()).inMemory());
        assertFalse(((DatabaseTarget.H2) resolve(database, "catalog").target()).inMemory());
    }

    @Test
    void postgresKeysUnderTheH2ClientAreNamedAsTheError() {
        DatabaseSettingsException error = failure(Map.of("connection", Map.of("host", "db.internal")), "catalog");

        assertEquals("backend.database.connection.host", error.keyPath());
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
        assertTrue(error.getMessage().contains("backend.database.client: pg"), error.getMessage());
    }

    @Test
    void aBaseFilenameWouldShareOneFileAndIsRefused() {
        DatabaseSettingsException error = failure(Map.of("client", "h2", "connection", Map.of("filename", "all.db")), "catalog");

        assertEquals("backend.database.connection.filename", error.keyPath());
    }

    // --- clients ---

    @Test
    void anUnknownClientNamesTheClientThePluginAndTheKey() {
        DatabaseSettingsException error = failure(Map.of("client", "mysql"), "catalog");

        assertEquals("backend.database.client", error.keyPath());
        assertTrue(error.getMessage().contains("'mysql'"), error.getMessage());
        assertTrue(error.getMessage().contains("plugin 'catalog'"), error.getMessage());
    }

    @Test
    void anUnknownPerPluginClientOnlyFailsThatPlugin() {
        Map<String, ?> database = Map.of("client", "h2", "plugin", Map.of("search", Map.of("client", "oracle")));

        DatabaseSettingsException error = failure(database, "search");
        assertEquals("backend.database.plugin.search.client", error.keyPath());
        assertEquals(DatabaseClient.H2, resolve(database, "catalog").client());
    }

    @Test
    void aPluginOnAnotherClientDoesNotInheritTheBaseConnection() {
        Map<String, ?> database = Map.of("client", "pg", "connection", Map.of("host", "db.internal", "user", "backstage"),
                "plugin", Map.of("scratch", Map.of("client", "h2")));

        assertTrue(((DatabaseTarget.H2) resolve(database, "scratch").target()).inMemory());
    }

    // --- PostgreSQL, database division ---

    @Test
    void eachPluginGetsADatabaseNamedWithThePrefix() {
        DatabaseTarget.Pg target = pg(Map.of("client", "pg",
                "connection", Map.of("host", "127.0.0.1", "port", 5432, "user", "postgres", "database", "ignored")), "catalog");

        assertEquals("backstage_plugin_catalog", target.database());
        assertNull(target.schema());
        assertEquals("127.0.0.1:5432", target.connection().address());
        assertEquals("postgres", target.connection().user());
        assertEquals("backstage_plugin_catalog", target.connection().properties().get("ApplicationName"));
    }

    @Test
    void theDatabaseIsCreatedUnlessEnsureExistsIsFalse() {
        assertTrue(resolve(Map.of("client", "pg"), "catalog").ensureDatabaseExists());
        assertFalse(resolve(Map.of("client", "pg", "ensureExists", false), "catalog").ensureDatabaseExists());
        assertFalse(resolve(Map.of("client", "pg",
                "plugin", Map.of("catalog", Map.of("ensureExists", false))), "catalog").ensureDatabaseExists());
        assertFalse(resolve(Map.of("client", "pg"), "catalog").ensureSchemaExists());
    }

    @Test
    void aCustomPrefixAndAPerPluginDatabaseName() {
        Map<String, ?> database = Map.of("client", "pg", "prefix", "bl_",
                "plugin", Map.of("auth", Map.of("connection", Map.of("database", "identity"))));

        assertEquals("bl_catalog", pg(database, "catalog").database());
        assertEquals("identity", pg(database, "auth").database());
    }

    @Test
    void aPluginConnectionIsMergedOverTheBaseOne() {
        DatabaseTarget.Pg target = pg(Map.of("client", "pg",
                "connection", Map.of("host", "db-a", "user", "backstage", "password", "pw"),
                "plugin", Map.of("catalog", Map.of("connection", Map.of("host", "db-b")))), "catalog");

        assertEquals("db-b", target.connection().host());
        assertEquals("backstage", target.connection().user());
        assertEquals("pw", target.connection().password());
    }

    @Test
    void aConnectionStringGivesHostPortUserPasswordAndOptions() {
        DatabaseTarget.Pg target = pg(Map.of("client", "pg",
                "connection", "postgresql://backstage:p%40ss@db.internal:6543/shared?sslmode=require"), "catalog");

        PgConnection connection = target.connection();
        assertEquals("db.internal", connection.host());
        assertEquals(6543, connection.port());
        assertEquals("backstage", connection.user());
        assertEquals("p@ss", connection.password());
        assertEquals("require", connection.properties().get("sslmode"));
        // database division: the string's database is the base one, and is not used
        assertEquals("backstage_plugin_catalog", target.database());
    }

    @Test
    void aBrokenConnectionStringIsRefusedWithoutRepeatingIt() {
        DatabaseSettingsException error = failure(Map.of("client", "pg", "connection", "mysql://root:hunter2@db/x"), "catalog");

        assertEquals("backend.database.connection", error.keyPath());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void thePasswordIsNotInTheConnectionsText() {
        DatabaseTarget.Pg target = pg(Map.of("client", "pg", "connection", Map.of("user", "u", "password", "hunter2")), "catalog");

        assertFalse(target.connection().toString().contains("hunter2"));
        assertFalse(target.describe().contains("hunter2"));
    }

    @Test
    void sslTrueRequiresTlsAndOtherKeysGoToTheDriver() {
        PgConnection connection = pg(Map.of("client", "pg",
                "connection", Map.of("ssl", true, "connectTimeout", 3, "application_name", "my-backend")), "catalog").connection();

        assertEquals("require", connection.properties().get("sslmode"));
        assertEquals("3", connection.properties().get("connectTimeout"));
        assertEquals("my-backend", connection.properties().get("ApplicationName"));
    }

    @Test
    void anSslObjectIsNamedAsUnsupported() {
        DatabaseSettingsException error = failure(Map.of("client", "pg",
                "connection", Map.of("ssl", Map.of("rejectUnauthorized", false))), "catalog");

        assertEquals("backend.database.connection.ssl", error.keyPath());
    }

    @Test
    void portsAreCheckedAndDefaulted() {
        assertEquals(5432, pg(Map.of("client", "pg"), "catalog").connection().port());
        assertEquals(6000, pg(Map.of("client", "pg", "connection", Map.of("port", "6000")), "catalog").connection().port());
        assertEquals("backend.database.connection.port",
                failure(Map.of("client", "pg", "connection", Map.of("port", "fivefourthreetwo")), "catalog").keyPath());
    }

    @Test
    void cloudConnectionTypesAreNamedAsUnsupported() {
        DatabaseSettingsException error = failure(Map.of("client", "pg", "connection", Map.of("type", "azure")), "catalog");

        assertEquals("backend.database.connection.type", error.keyPath());
        assertTrue(error.getMessage().contains("'azure'"), error.getMessage());
    }

    @Test
    void aDatabaseNameOverPostgresLimitNamesThePrefixKey() {
        DatabaseSettingsException error = failure(Map.of("client", "pg", "prefix", "p".repeat(60)), "catalog");

        assertEquals("backend.database.prefix", error.keyPath());
    }

    // --- PostgreSQL, schema division ---

    @Test
    void schemaModeKeepsTheBaseDatabaseAndGivesEachPluginASchema() {
        PluginDatabaseSettings settings = resolve(Map.of("client", "pg", "pluginDivisionMode", "schema",
                "connection", Map.of("database", "backstage", "user", "postgres")), "catalog");

        DatabaseTarget.Pg target = (DatabaseTarget.Pg) settings.target();
        assertEquals("backstage", target.database());
        assertEquals("catalog", target.schema());
        assertTrue(settings.ensureDatabaseExists());
        assertTrue(settings.ensureSchemaExists());
    }

    @Test
    void schemaModeWithoutADatabaseUsesTheServerDefault() {
        PluginDatabaseSettings settings = resolve(Map.of("client", "pg", "pluginDivisionMode", "schema",
                "schemaPrefix", "bl_", "connection", Map.of("user", "backstage")), "catalog");

        DatabaseTarget.Pg target = (DatabaseTarget.Pg) settings.target();
        assertNull(target.database());
        assertEquals("backstage", target.databaseOrDefault());
        assertEquals("bl_catalog", target.schema());
        assertFalse(settings.ensureDatabaseExists());
    }

    @Test
    void badDivisionModeAndSchemaPrefixAreNamed() {
        assertEquals("backend.database.pluginDivisionMode",
                failure(Map.of("client", "pg", "pluginDivisionMode", "table"), "catalog").keyPath());
        assertEquals("backend.database.schemaPrefix",
                failure(Map.of("client", "pg", "pluginDivisionMode", "schema", "schemaPrefix", "1-bad"), "catalog").keyPath());
    }

    // --- migrations and pool ---

    @Test
    void skipMigrationsGloballyWithAPerPluginException() {
        Map<String, ?> database = Map.of("skipMigrations", true,
                "plugin", Map.of("catalog", Map.of("skipMigrations", false)));

        assertTrue(resolve(database, "search").skipMigrations());
        assertFalse(resolve(database, "catalog").skipMigrations());
    }

    @Test
    void poolSizeFromBackstageKnexKeysPerPluginFirst() {
        Map<String, ?> database = Map.of(
                "knexConfig", Map.of("pool", Map.of("max", 3, "acquireTimeoutMillis", 2000)),
                "plugin", Map.of("catalog", Map.of("knexConfig", Map.of("pool", Map.of("max", 8, "min", 1)))));

        assertEquals(new PoolSettings(1, 8, 2000, 600_000), resolve(database, "catalog").pool());
        assertEquals(new PoolSettings(0, 3, 2000, 600_000), resolve(database, "search").pool());
    }

    @Test
    void impossiblePoolSizesAreRefused() {
        DatabaseSettingsException error = failure(Map.of("knexConfig", Map.of("pool", Map.of("min", 4, "max", 2))), "catalog");

        assertTrue(error.getMessage().contains("min 4, max 2"), error.getMessage());
    }
}
