package dev.backline.database.core;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

import dev.backline.database.core.DatabaseErrors.Step;
import dev.backline.database.settings.DatabaseTarget;
import dev.backline.database.settings.PluginDatabaseSettings;
import dev.backline.database.settings.PoolSettings;

/**
 * Opens a plugin's pool: creates the database or schema when asked to, then starts HikariCP over the
 * driver's unpooled data source. The pool connects once at creation, so a wrong host, user or database
 * fails the plugin's init instead of its first request.
 */
final class PoolFactory {

    private final JdbcDrivers drivers;
    private final PgAdmin admin = new PgAdmin();
    private final String instanceName;

    PoolFactory(JdbcDrivers drivers, String instanceName) {
        this.drivers = drivers;
        this.instanceName = instanceName;
    }

    HikariDataSource open(PluginDatabaseSettings settings) throws SQLException {
        String pluginId = settings.pluginId();
        PoolSettings pool = settings.pool();
        DataSourceFactory driver = drivers.factoryFor(settings.client(), pluginId, Duration.ofMillis(pool.acquireTimeoutMillis()));
        HikariConfig config = new HikariConfig();
        config.setPoolName("backline-db-" + pluginId);
        config.setMaximumPoolSize(pool.max());
        config.setMinimumIdle(pool.min());
        config.setConnectionTimeout(Math.max(250, pool.acquireTimeoutMillis()));
        config.setIdleTimeout(Math.max(10_000, pool.idleTimeoutMillis()));
        // One attempt at creation: errors surface now, with the message below, not after retries.
        config.setInitializationFailTimeout(1);

        if (settings.target() instanceof DatabaseTarget.Pg pg) {
            if (settings.ensureDatabaseExists()) {
                admin.ensureDatabase(driver, pg, pluginId);
            }
            if (settings.ensureSchemaExists()) {
                admin.ensureSchema(driver, pg, pluginId);
            }
            if (pg.schema() != null) {
                config.setSchema(pg.schema());
            }
            config.setDataSource(raw(() -> RawDataSources.pg(driver, pg.connection(), pg.database()), pg, pluginId));
            try {
                return new HikariDataSource(config);
            } catch (PoolInitializationException e) {
                throw DatabaseErrors.describe(e, pluginId, pg, pg.databaseOrDefault(), Step.CONNECT);
            }
        }
        DatabaseTarget.H2 h2 = (DatabaseTarget.H2) settings.target();
        config.setDataSource(RawDataSources.h2(driver, h2, instanceName));
        try {
            return new HikariDataSource(config);
        } catch (PoolInitializationException e) {
            throw new SQLException("Plugin '" + pluginId + "' could not open its " + h2.describe() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private interface RawSource {
        DataSource create() throws SQLException;
    }

    private static DataSource raw(RawSource source, DatabaseTarget.Pg pg, String pluginId) throws SQLException {
        try {
            return source.create();
        } catch (SQLException e) {
            throw DatabaseErrors.describe(e, pluginId, pg, pg.databaseOrDefault(), Step.CONNECT);
        }
    }
}
