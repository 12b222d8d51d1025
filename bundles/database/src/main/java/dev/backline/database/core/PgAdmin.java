package dev.backline.database.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.backline.database.core.DatabaseErrors.Step;
import dev.backline.database.settings.DatabaseTarget;

/**
 * Creates a plugin's PostgreSQL database or schema when it is missing. Creation is serialised within the
 * backend: PostgreSQL refuses concurrent {@code CREATE DATABASE} from one template with "source database
 * is being accessed by other users", so a refusal of that kind is retried a few times as well. Other backends
 * sharing the server (several instances) may create the same database or schema at the same moment: that is
 * success.
 */
final class PgAdmin {

    /** Where the admin connection goes to look up and create databases, as in Backstage. */
    static final String ADMIN_DATABASE = "postgres";
    private static final int ATTEMPTS = 3;
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Object ddlLock = new Object();

    void ensureDatabase(DataSourceFactory driver, DatabaseTarget.Pg target, String pluginId) throws SQLException {
        String database = target.database();
        synchronized (ddlLock) {
            for (int attempt = 1; ; attempt++) {
                Connection connection;
                try {
                    connection = RawDataSources.pg(driver, target.connection(), ADMIN_DATABASE).getConnection();
                } catch (SQLException e) {
                    throw DatabaseErrors.describe(e, pluginId, target, database, ADMIN_DATABASE, Step.CONNECT);
                }
                try (connection) {
                    if (exists(connection, database)) {
                        return;
                    }
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + quote(database));
                    }
                    return;
                } catch (SQLException e) {
                    // Another backend created it meanwhile: PostgreSQL says so with 42P04, or, when both got past its
                    // own check at once, with a unique violation on its catalog.
                    if (DUPLICATE_DATABASE.equals(e.getSQLState()) || UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return;
                    }
                    if (!"55006".equals(e.getSQLState()) || attempt >= ATTEMPTS) {
                        throw DatabaseErrors.describe(e, pluginId, target, database, Step.CREATE_DATABASE);
                    }
                }
                pause();
            }
        }
    }

    void ensureSchema(DataSourceFactory driver, DatabaseTarget.Pg target, String pluginId) throws SQLException {
        synchronized (ddlLock) {
            Connection connection;
            try {
                connection = RawDataSources.pg(driver, target.connection(), target.database()).getConnection();
            } catch (SQLException e) {
                throw DatabaseErrors.describe(e, pluginId, target, target.databaseOrDefault(), Step.CONNECT);
            }
            try (connection; Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(target.schema()));
            } catch (SQLException e) {
                // IF NOT EXISTS does not cover another backend creating the schema at the same moment
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw DatabaseErrors.describe(e, pluginId, target, target.databaseOrDefault(), Step.CREATE_SCHEMA);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A quoted identifier, so ids with dashes ({@code backstage_plugin_tech-insights}) work. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A short wait before retrying: the other session holding the template is usually done by then. */
    private static void pause() throws SQLException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while creating a database", e);
        }
    }
}
