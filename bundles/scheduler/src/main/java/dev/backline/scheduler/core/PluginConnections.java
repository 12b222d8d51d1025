package dev.backline.scheduler.core;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.quartz.utils.ConnectionProvider;

/**
 * The plugin's pool, as Quartz's job store asks for connections. Quartz keeps providers in a static registry by name;
 * each plugin's name is reused across its restarts, so the registry does not grow, and closing the pool stays the
 * database service's job.
 */
final class PluginConnections implements ConnectionProvider {

    private final DataSource dataSource;

    PluginConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the plugin's database service closes its pool when the plugin stops
    }

    @Override
    public void initialize() {
        // the pool is the plugin's
    }
}
