package dev.backline.scheduler.core;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.quartz.utils.ConnectionProvider;

/**
 * The plugin's pool, as Quartz's job store asks for connections. Quartz keeps providers in a static registry by name,
 * with no way to remove one: each plugin's name is reused across its restarts, so the registry does not grow, and a
 * provider lets go of its pool when its scheduler stops. Closing the pool stays the database service's job.
 */
final class PluginConnections implements ConnectionProvider {

    private final String pluginId;
    private volatile DataSource dataSource;

    PluginConnections(String pluginId, DataSource dataSource) {
        this.pluginId = pluginId;
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource current = dataSource;
        if (current == null) {
            throw new SQLException("The scheduler of plugin '" + pluginId + "' has stopped");
        }
        return current.getConnection();
    }

    /** Drops the pool, once the scheduler using it has shut down. */
    void release() {
        dataSource = null;
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
