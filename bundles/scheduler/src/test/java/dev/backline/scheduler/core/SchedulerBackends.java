package dev.backline.scheduler.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.h2.util.OsgiDataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import dev.backline.database.core.DatabaseManager;
import dev.backline.database.core.DatabaseServiceFactory;
import dev.backline.database.core.JdbcDrivers;
import dev.backline.database.core.MigrationResources;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/** Backends of the wiring core with the database and scheduler services, stopped and cleaned up by {@link #close()}. */
final class SchedulerBackends implements AutoCloseable {

    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final List<Backend> backends = new ArrayList<>();
    private final List<DatabaseManager> managers = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    /** Every line the backends logged. */
    final CapturingLogger logs = new CapturingLogger();
    final String prefix = "bl_sched_" + UUID.randomUUID().toString().substring(0, 8) + "_";

    /** The backend config of a PostgreSQL database per plugin, prefixed for this test run. */
    Map<String, Object> postgres(String pluginId) {
        databases.add(prefix + pluginId);
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("client", "pg");
        database.put("prefix", prefix);
        database.put("connection", Map.of("host", "127.0.0.1", "port", 5432, "user", "postgres"));
        return Map.of("database", database, "scheduler", fastScheduler());
    }

    /** Short poll and check-in intervals, so that a takeover happens within a test's patience. */
    static Map<String, Object> fastScheduler() {
        return Map.of("pollInterval", "200ms", "clusterCheckinInterval", "500ms", "shutdownWait", "5s");
    }

    Backend start(Map<String, ?> backendConfig, BackendPlugin plugin) {
        JdbcDrivers drivers = new JdbcDrivers();
        drivers.add("org.h2.Driver", new OsgiDataSourceFactory(new org.h2.Driver()));
        drivers.add("org.postgresql.Driver", new PGDataSourceFactory());
        DatabaseManager manager = new DatabaseManager(drivers, MigrationResources.CLASS_PATH);
        managers.add(manager);
        Backend backend = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", backendConfig), "test")))
                .logger(logs)
                .add(DatabaseServiceFactory.create(manager))
                .add(SchedulerServiceFactory.create())
                .add(plugin)
                .build();
        backends.add(backend);
        backend.start();
        return backend;
    }

    @Override
    public void close() throws SQLException {
        backends.forEach(Backend::stop);
        managers.forEach(DatabaseManager::close);
        if (!databases.isEmpty()) {
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                for (String database : databases) {
                    statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
                }
            }
        }
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, "postgres", "");
    }

    Connection connect(String pluginId) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + prefix + pluginId, "postgres", "");
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Live threads whose name contains {@code part}. */
    static List<String> threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(part)).sorted().toList();
    }

    /** Waits for {@code condition} up to {@code deadline}, polling every 20 ms; true when it held. */
    static boolean await(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20); // polling the condition, up to the deadline
        }
        return true;
    }
}
