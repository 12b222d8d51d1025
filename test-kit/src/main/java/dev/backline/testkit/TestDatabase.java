package dev.backline.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where a test backend's plugins keep their databases: an embedded in-memory H2 each (the default), or the
 * PostgreSQL at {@code BACKLINE_TEST_POSTGRES} ({@code host:port}, by default {@code 127.0.0.1:5432}, user
 * {@code postgres}, trust), one database per plugin with a prefix of its own, dropped when the backend stops.
 * {@link TestDatabases} runs one test on each.
 */
public enum TestDatabase {

    /** An embedded in-memory H2 database per plugin. */
    H2,

    /** A PostgreSQL database per plugin, created for the backend and dropped when it stops. */
    POSTGRES;

    /** {@code host:port} of the PostgreSQL the kit uses. */
    public static String postgresAddress() {
        String address = System.getenv("BACKLINE_TEST_POSTGRES");
        return address == null || address.isBlank() ? "127.0.0.1:5432" : address.trim();
    }

    /** The {@code backend.database} settings of one backend, with a database prefix no other backend shares. */
    Map<String, Object> settings(String prefix) {
        if (this == H2) {
            return Map.of();
        }
        String[] hostPort = postgresAddress().split(":");
        return Map.of("client", "pg", "prefix", prefix, "connection", Map.of("host", hostPort[0],
                "port", hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 5432, "user", "postgres"));
    }

    /** A prefix for one backend's databases, e.g. {@code backline_test_1a2b3c4d_}. */
    static String newPrefix() {
        return "backline_test_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "_";
    }

    /** Drops the PostgreSQL databases of one backend; nothing for H2, whose databases go with their pools. */
    void dropAll(String prefix) throws SQLException {
        if (this == H2) {
            return;
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + postgresAddress() + "/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                    + prefix.replace("_", "\\_") + "%'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
    }
}
