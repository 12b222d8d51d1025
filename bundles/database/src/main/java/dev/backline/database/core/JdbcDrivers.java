package dev.backline.database.core;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.backline.database.settings.DatabaseClient;

/**
 * The JDBC drivers at hand, as {@link DataSourceFactory}s keyed by driver class. In OSGi the driver
 * bundles register them (H2 and pgjdbc both do); outside OSGi a test adds them directly. A lookup waits a
 * little for a driver that is not there yet, because driver bundles may start after this one.
 */
public final class JdbcDrivers {

    private final Map<String, DataSourceFactory> factories = new HashMap<>();

    public synchronized void add(String driverClass, DataSourceFactory factory) {
        factories.put(driverClass, factory);
        notifyAll();
    }

    public synchronized void remove(String driverClass, DataSourceFactory factory) {
        factories.remove(driverClass, factory);
    }

    /**
     * @throws SQLException naming the client, the plugin and the driver that is missing
     */
    public synchronized DataSourceFactory factoryFor(DatabaseClient client, String pluginId, Duration wait)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        DataSourceFactory factory;
        while ((factory = factories.get(client.driverClass())) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SQLException("No JDBC driver for client '" + client.canonicalName() + "' (plugin '" + pluginId
                        + "'): no DataSourceFactory with osgi.jdbc.driver.class=" + client.driverClass()
                        + " is registered; install the " + client.displayName() + " driver bundle", "08001");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the " + client.displayName() + " driver", e);
            }
        }
        return factory;
    }
}
