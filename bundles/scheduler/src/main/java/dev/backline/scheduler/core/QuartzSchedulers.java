package dev.backline.scheduler.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.jdbcjobstore.InvalidConfigurationException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.simpl.RAMJobStore;
import org.quartz.spi.JobStore;
import org.quartz.utils.DBConnectionManager;

/**
 * Builds the Quartz schedulers of one host: per plugin a clustered JDBC one for global tasks, in the plugin's database
 * under the name {@code backline.<pluginId>} (the same on every instance, which is what makes them one cluster), and a
 * in-memory one for local tasks.
 */
final class QuartzSchedulers {

    /** Quartz's tables in a plugin's database: {@code backline_scheduler__qrtz_triggers} and so on. */
    static final String TABLE_PREFIX = "backline_scheduler__qrtz_";
    /** A trigger later than this is a misfire: its run is skipped and the schedule goes on. */
    static final long MISFIRE_THRESHOLD_MILLIS = 1_000;

    /** Quartz's registry of schedulers is static and keyed by name; the window in which one is bound is ours alone. */
    private static final Object REPOSITORY = new Object();

    private final String hostId;
    private final SchedulerSettings settings;

    QuartzSchedulers(String hostId, SchedulerSettings settings) {
        this.hostId = hostId;
        this.settings = settings;
    }

    SchedulerSettings settings() {
        return settings;
    }

    static String clusterName(String pluginId) {
        return "backline." + pluginId;
    }

    Scheduler global(String pluginId, String instanceId, PluginConnections connections, DataSource dataSource,
            WorkerPool workers) throws SchedulerException, SQLException {
        // Reused across the plugin's restarts, so Quartz's static registry of connection providers does not grow.
        String dataSourceName = "backline.scheduler." + hostId + "." + pluginId;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, connections);
        JobStoreTX store = new ClusteredJobStore();
        store.setDataSource(dataSourceName);
        store.setTablePrefix(TABLE_PREFIX);
        store.setIsClustered(true);
        store.setClusterCheckinInterval(settings.clusterCheckinInterval().toMillis());
        store.setMisfireThreshold(MISFIRE_THRESHOLD_MILLIS);
        store.setUseProperties("true");
        store.setAcquireTriggersWithinLock(true);
        store.setMakeThreadsDaemons(true);
        try {
            store.setDriverDelegateClass(isPostgres(dataSource) ? PostgreSQLDelegate.class.getName()
                    : StdJDBCDelegate.class.getName());
        } catch (InvalidConfigurationException e) {
            throw new SchedulerException(e.getMessage(), e);
        }
        return create(clusterName(pluginId), instanceId, workers, store);
    }

    Scheduler local(String pluginId, String instanceId, WorkerPool workers) throws SchedulerException {
        RAMJobStore store = new RAMJobStore();
        store.setMisfireThreshold(MISFIRE_THRESHOLD_MILLIS);
        return create(clusterName(pluginId) + ".local." + instanceId, instanceId, workers, store);
    }

    private Scheduler create(String name, String instanceId, WorkerPool workers, JobStore store)
            throws SchedulerException {
        synchronized (REPOSITORY) {
            DirectSchedulerFactory factory = DirectSchedulerFactory.getInstance();
            factory.createScheduler(name, instanceId, workers, new org.quartz.impl.DefaultThreadExecutor(), store,
                    null, null, 0, settings.pollInterval().toMillis(), settings.pollInterval().toMillis(), false,
                    null, 1, 0);
            Scheduler scheduler = factory.getScheduler(name);
            // Out of the static registry: another backend in this JVM may run the same plugin, and nothing here
            // looks schedulers up by name.
            SchedulerRepository.getInstance().remove(name);
            return scheduler;
        }
    }

    /**
     * Cleans up after a scheduler that stopped with no run left: gives back the trigger it had acquired for its next
     * run (so another instance takes it on its next poll, not once it finds this one dead) and removes its check-in
     * row, which Quartz itself would drop only when another instance took it for dead. Under Quartz's trigger lock,
     * as Quartz's own release is.
     */
    static void releaseInstance(DataSource dataSource, String pluginId, String instanceId) throws SQLException {
        String scheduler = clusterName(pluginId);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                update(connection, "SELECT * FROM " + TABLE_PREFIX + "locks WHERE sched_name = ? AND lock_name = ?"
                        + " FOR UPDATE", scheduler, "TRIGGER_ACCESS");
                update(connection, "UPDATE " + TABLE_PREFIX + "triggers t SET trigger_state = 'WAITING'"
                        + " WHERE t.sched_name = ? AND t.trigger_state = 'ACQUIRED' AND EXISTS (SELECT 1 FROM "
                        + TABLE_PREFIX + "fired_triggers f WHERE f.sched_name = t.sched_name"
                        + " AND f.trigger_name = t.trigger_name AND f.trigger_group = t.trigger_group"
                        + " AND f.instance_name = ? AND f.state = 'ACQUIRED')", scheduler, instanceId);
                update(connection, "DELETE FROM " + TABLE_PREFIX + "fired_triggers WHERE sched_name = ?"
                        + " AND instance_name = ? AND state = 'ACQUIRED'", scheduler, instanceId);
                update(connection, "DELETE FROM " + TABLE_PREFIX + "scheduler_state WHERE sched_name = ?"
                        + " AND instance_name = ?", scheduler, instanceId);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void update(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }
}
