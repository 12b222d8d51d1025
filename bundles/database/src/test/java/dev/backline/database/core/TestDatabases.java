package dev.backline.database.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.h2.util.OsgiDataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import dev.backline.runtime.config.ConfigReader;
import dev.backline.plugin.api.services.Config;

/** Drivers, configuration and queries shared by the database tests; outside OSGi, the drivers are added by hand. */
final class TestDatabases {

    private TestDatabases() {
    }

    static JdbcDrivers drivers() {
        JdbcDrivers drivers = new JdbcDrivers();
        drivers.add("org.h2.Driver", new OsgiDataSourceFactory(new org.h2.Driver()));
        drivers.add("org.postgresql.Driver", new PGDataSourceFactory());
        return drivers;
    }

    static DatabaseManager manager() {
        return new DatabaseManager(drivers(), MigrationResources.CLASS_PATH);
    }

    static Config config(Map<String, ?> database) {
        return ConfigReader.of(Map.of("backend", Map.of("database", database)), "test");
    }

    /** The first column of every row. */
    static List<String> column(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return column(connection, sql);
        }
    }

    static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
