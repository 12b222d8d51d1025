package dev.backline.database.core;

import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.backline.database.settings.PluginDatabaseSettings;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.DatabaseService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.MigrationResult;

/** One plugin's {@link DatabaseService}: its settings and, from the first use on, its pool. */
public final class PluginDatabase implements DatabaseService, AutoCloseable {

    private final PluginDatabaseSettings settings;
    private final PoolFactory pools;
    private final FlywayMigrator migrator;
    private final LoggerService logger;
    private HikariDataSource pool;
    private boolean closed;

    PluginDatabase(PluginDatabaseSettings settings, PoolFactory pools, FlywayMigrator migrator, LoggerService logger) {
        this.settings = settings;
        this.pools = pools;
        this.migrator = migrator;
        this.logger = logger;
    }

    public PluginDatabaseSettings settings() {
        return settings;
    }

    @Override
    public synchronized DataSource getClient() throws SQLException {
        if (closed) {
            throw new SQLException("The database of plugin '" + settings.pluginId() + "' is closed: the plugin was stopped");
        }
        if (pool == null) {
            pool = pools.open(settings);
            logger.info("Database ready: " + settings.target().describe(),
                    Map.of("poolMax", settings.pool().max()));
        }
        return pool;
    }

    @Override
    public boolean skipMigrations() {
        return settings.skipMigrations();
    }

    @Override
    public MigrationResult migrate(DatabaseMigrations migrations) throws SQLException {
        if (settings.skipMigrations()) {
            logger.info("Migrations skipped (skipMigrations): " + migrations.historyTable());
            return MigrationResult.skipped(migrations.historyTable());
        }
        MigrationResult result = migrator.migrate(getClient(), settings, migrations);
        logger.info("Migrations applied: " + result.applied() + ", schema version " + result.version(),
                Map.of("historyTable", result.historyTable()));
        return result;
    }

    /** True once a pool exists and is open. */
    public synchronized boolean isPoolOpen() {
        return pool != null && !pool.isClosed();
    }

    /** Says which database this is (client and target, never a password), e.g. for the shell's {@code plugin} command. */
    @Override
    public synchronized String toString() {
        return settings.client().canonicalName() + ": " + settings.target().describe()
                + (pool == null ? " (not opened yet)" : pool.isClosed() ? " (closed)" : " (pool max " + settings.pool().max() + ")");
    }

    /** Closes the pool; later calls to {@link #getClient()} fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }
}
