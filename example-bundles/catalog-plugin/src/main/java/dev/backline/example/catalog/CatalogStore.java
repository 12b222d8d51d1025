package dev.backline.example.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.backline.example.catalog.CatalogPermissions.SqlFilter;

/** The catalog's entities in its own database (table {@code entities}, from its migration V1). */
final class CatalogStore {

    private final DataSource database;

    CatalogStore(DataSource database) {
        this.database = database;
    }

    /** Stores an entity under {@code kind:name}, replacing an earlier one with the same ref. */
    void put(String kind, String name, String body) throws SQLException {
        String ref = ref(kind, name);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE entities SET body = ?, updated_at = CURRENT_TIMESTAMP WHERE entity_ref = ?")) {
                update.setString(1, body);
                update.setString(2, ref);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO entities (entity_ref, kind, name, body) VALUES (?, ?, ?, ?)")) {
                        insert.setString(1, ref);
                        insert.setString(2, kind);
                        insert.setString(3, name);
                        insert.setString(4, body);
                        insert.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A page of the bodies (JSON) of the stored entities {@code filter} lets through, by ref. */
    List<String> page(SqlFilter filter, int limit, int offset) throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT body FROM entities WHERE " + filter.sql() + " ORDER BY entity_ref LIMIT ? OFFSET ?")) {
            int next = bind(query, filter);
            query.setInt(next, limit);
            query.setInt(next + 1, offset);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bodies.add(rows.getString(1));
                }
            }
        }
        return bodies;
    }

    /** How many stored entities {@code filter} lets through. */
    int count(SqlFilter filter) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM entities WHERE " + filter.sql())) {
            bind(query, filter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The bodies (JSON) of the entities stored under {@code refs} ({@code kind:name}, kind in lower case), by ref. */
    Map<String, String> byRefs(List<String> refs) throws SQLException {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        if (refs.isEmpty()) {
            return bodies;
        }
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT entity_ref, body FROM entities WHERE entity_ref IN ("
                        + String.join(", ", java.util.Collections.nCopies(refs.size(), "?")) + ")")) {
            for (int i = 0; i < refs.size(); i++) {
                query.setString(i + 1, refs.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bodies.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return bodies;
    }

    /** Binds the filter's parameters from the first; the index of the next parameter. */
    private static int bind(PreparedStatement statement, SqlFilter filter) throws SQLException {
        int index = 1;
        for (Object param : filter.params()) {
            statement.setObject(index++, param);
        }
        return index;
    }

    /** The ref an entity is stored under. */
    static String ref(String kind, String name) {
        return kind.toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }

    /** How many entities of each kind are stored. */
    Map<String, Integer> countsByKind() throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT kind, COUNT(*) FROM entities GROUP BY kind");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    /** Records one run of a scheduled task. */
    void recordRun(String task, String instance, Instant startedAt, Instant endedAt) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO task_runs (task, instance, started_at, ended_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, task);
            insert.setString(2, instance);
            insert.setTimestamp(3, Timestamp.from(startedAt));
            insert.setTimestamp(4, Timestamp.from(endedAt));
            insert.executeUpdate();
        }
    }
}
