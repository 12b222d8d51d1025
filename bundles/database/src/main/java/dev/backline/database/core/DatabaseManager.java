package dev.backline.database.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.backline.database.settings.DatabaseClient;
import dev.backline.database.settings.DatabaseSettingsResolver;
import dev.backline.database.settings.DatabaseTarget;
import dev.backline.database.settings.PluginDatabaseSettings;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The databases of all plugins of one backend: opens a plugin's on demand, closes it when the plugin
 * stops, and closes every one (and drops the in-memory H2 databases) when the backend or this service
 * goes away.
 */
public final class DatabaseManager implements AutoCloseable {

    private final JdbcDrivers drivers;
    private final PoolFactory pools;
    private final FlywayMigrator migrator;
    private final String instanceName = "backline-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, PluginDatabase> open = new ConcurrentHashMap<>();
    private final Set<DatabaseTarget.H2> inMemory = ConcurrentHashMap.newKeySet();

    public DatabaseManager(JdbcDrivers drivers, MigrationResources resources) {
        this.drivers = drivers;
        this.pools = new PoolFactory(drivers, instanceName);
        this.migrator = new FlywayMigrator(resources);
    }

    /**
     * The plugin's database service, its settings read now from {@code backend.database}. A database still
     * open for the same plugin (a plugin that failed before its shutdown ran) is closed first.
     *
     * @throws dev.backline.database.settings.DatabaseSettingsException for configuration that cannot be used
     */
    public PluginDatabase open(Config rootConfig, String pluginId, LoggerService logger) {
        PluginDatabaseSettings settings = new DatabaseSettingsResolver(rootConfig).resolve(pluginId);
        PluginDatabase database = new PluginDatabase(settings, pools, migrator, logger);
        if (settings.target() instanceof DatabaseTarget.H2 h2 && h2.inMemory()) {
            inMemory.add(h2);
        }
        PluginDatabase previous = open.put(pluginId, database);
        if (previous != null) {
            previous.close();
        }
        return database;
    }

    /** Closes a plugin's database (its pool); its data stays. */
    public void release(PluginDatabase database) {
        database.close();
        open.remove(database.settings().pluginId(), database);
    }

    /** The settings of the plugin's current database, for operators. */
    public Optional<PluginDatabaseSettings> settingsOf(String pluginId) {
        return Optional.ofNullable(open.get(pluginId)).map(PluginDatabase::settings);
    }

    /** The name in-memory H2 databases of this backend start with. */
    public String instanceName() {
        return instanceName;
    }

    @Override
    public void close() {
        open.values().forEach(PluginDatabase::close);
        open.clear();
        for (DatabaseTarget.H2 target : inMemory) {
            dropInMemory(target);
        }
        inMemory.clear();
    }

    private void dropInMemory(DatabaseTarget.H2 target) {
        try {
            DataSourceFactory h2 = drivers.factoryFor(DatabaseClient.H2, target.pluginId(), java.time.Duration.ZERO);
            try (Connection connection = RawDataSources.h2(h2, target, instanceName).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            // The driver is gone, and its in-memory databases with it.
        }
    }
}
