package dev.backline.database.core;

import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.backline.database.settings.DatabaseTarget;
import dev.backline.database.settings.PgConnection;

/** Unpooled data sources from a driver's {@link DataSourceFactory}; the pool wraps them. */
final class RawDataSources {

    /**
     * H2 in a dialect close to PostgreSQL's (lower-case names, nulls last), so one set of SQL migrations
     * serves both engines.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * A commit reaches the file before it returns. H2's default (a 500 ms write delay) acknowledges writes a
     * killed process then loses; with this, a kill -9 loses nothing that was acknowledged.
     */
    static final String DURABLE = ";WRITE_DELAY=0";

    private RawDataSources() {
    }

    /** The JDBC URL of an embedded H2 database; in-memory databases live until the backend closes them. */
    static String h2Url(DatabaseTarget.H2 target, String instanceName) {
        if (target.inMemory()) {
            return "jdbc:h2:mem:" + instanceName + "-" + target.pluginId() + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS;
        }
        return "jdbc:h2:file:" + target.file() + H2_OPTIONS + DURABLE;
    }

    static DataSource h2(DataSourceFactory factory, DatabaseTarget.H2 target, String instanceName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, h2Url(target, instanceName));
        properties.setProperty(DataSourceFactory.JDBC_USER, "sa");
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, "");
        return factory.createDataSource(properties);
    }

    /** A data source for {@code database} on the target's server ({@code null}: the server's default). */
    static DataSource pg(DataSourceFactory factory, PgConnection connection, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_SERVER_NAME, connection.host());
        properties.setProperty(DataSourceFactory.JDBC_PORT_NUMBER, Integer.toString(connection.port()));
        if (database != null) {
            properties.setProperty(DataSourceFactory.JDBC_DATABASE_NAME, database);
        }
        properties.setProperty(DataSourceFactory.JDBC_USER, connection.user());
        if (connection.password() != null) {
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, connection.password());
        }
        connection.properties().forEach(properties::setProperty);
        try {
            return factory.createDataSource(properties);
        } catch (IllegalArgumentException e) {
            // pgjdbc refuses unknown property names this way.
            throw new SQLException("PostgreSQL connection property not understood by the driver: " + e.getMessage(), e);
        }
    }
}
