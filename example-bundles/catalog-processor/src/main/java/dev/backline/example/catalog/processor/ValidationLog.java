package dev.backline.example.catalog.processor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Records each validation in the module's own table, {@code example_custom_processor__validations}. */
final class ValidationLog {

    private final DataSource database;

    ValidationLog(DataSource database) {
        this.database = database;
    }

    void record(String entityName, int problems) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO example_custom_processor__validations (entity_name, problems) VALUES (?, ?)")) {
            insert.setString(1, entityName);
            insert.setInt(2, problems);
            insert.executeUpdate();
        }
    }

    /** How many validations were recorded, and how many found problems. */
    long[] counts() throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*), COUNT(CASE WHEN problems > 0 THEN 1 END) FROM example_custom_processor__validations");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }
}
