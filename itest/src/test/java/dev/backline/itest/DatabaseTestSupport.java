package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.After;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jdbc.DataSourceFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the database tests share: the catalog's entities and its module's validations over HTTP,
 * restarting the catalog plugin, and JDBC from inside the container through the drivers'
 * {@link DataSourceFactory} services (the probe has no driver on its class path).
 */
public abstract class DatabaseTestSupport extends BacklineTestSupport {

    public static final String ENTITIES = "/api/catalog/entities";
    public static final String VALIDATIONS = "/api/catalog/modules/example-custom-processor/v1/validations";
    public static final String PG_DRIVER = "org.postgresql.Driver";
    public static final String H2_DRIVER = "org.h2.Driver";
    /** The catalog plugin's and its module's Flyway history tables, side by side in one database. */
    public static final String PLUGIN_HISTORY = "flyway_schema_history";
    public static final String MODULE_HISTORY = "example_custom_processor__flyway_schema_history";
    /** The history of the scheduler's own migration (Quartz's tables) in a plugin's database. */
    public static final String SCHEDULER_HISTORY = "backline_scheduler__flyway_schema_history";
    /** The catalog's tables, its module's, and both histories; the scheduler's are left out by {@link #NOT_SCHEDULER}. */
    public static final java.util.List<String> CATALOG_TABLES = java.util.List.of("entities", MODULE_HISTORY,
            "example_custom_processor__validations", PLUGIN_HISTORY, "task_runs");
    /** A condition on {@code information_schema.tables} that leaves out the scheduler's tables. */
    public static final String NOT_SCHEDULER = " AND table_name NOT LIKE 'backline\\_scheduler\\_\\_%'";

    @After
    public void restoreCatalog() {
        restoreBundle(BacklineOptions.CATALOG_PLUGIN);
        restoreBundle(BacklineOptions.CATALOG_PROCESSOR);
        awaitProcessors("ExampleCustomProcessor");
    }

    /** POSTs a Component; {@code owner} null leaves spec.owner out, which the module's processor rejects. */
    protected static Http.Response postEntity(String name, String owner) {
        String spec = owner == null ? "{}" : "{\"owner\":\"" + owner + "\"}";
        return Http.post(ENTITIES, "{\"kind\":\"Component\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}");
    }

    /** metadata.name of every stored entity, as GET /api/catalog/entities lists them. */
    protected static List<String> entityNames() {
        Http.Response response = Http.get(ENTITIES);
        assertEquals(response.toString(), 200, response.status());
        List<String> names = new ArrayList<>();
        response.json().path("items").forEach(e -> names.add(e.path("metadata").path("name").asText()));
        return names;
    }

    /** {validations, withProblems} from the module's route. */
    protected static List<Long> validationCounts() {
        Http.Response response = Http.get(VALIDATIONS);
        assertEquals(response.toString(), 200, response.status());
        JsonNode json = response.json();
        return List.of(json.path("validations").asLong(-1), json.path("withProblems").asLong(-1));
    }

    /** Stops the catalog plugin's bundle (the plugin stops, its pool is closed). */
    protected void stopCatalog() throws BundleException {
        bundle(BacklineOptions.CATALOG_PLUGIN).stop();
        Await.get(PROCESSORS + " to answer 404 while the catalog plugin is stopped", PROCESSORS, r -> r.status() == 404);
    }

    /** Starts the catalog plugin's bundle again and waits until it serves with its module. */
    protected void startCatalog() throws BundleException {
        bundle(BacklineOptions.CATALOG_PLUGIN).start();
        awaitProcessors("ExampleCustomProcessor");
        Await.get(ENTITIES + " answering 200", ENTITIES, r -> r.isJson(200));
    }

    /** A data source of the driver registered with this {@code osgi.jdbc.driver.class}. */
    protected DataSource dataSource(String driverClass, Properties properties) throws SQLException {
        try {
            var references = context.getServiceReferences(DataSourceFactory.class,
                    "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=" + driverClass + ")");
            assertEquals("DataSourceFactory services for " + driverClass, 1, references.size());
            ServiceReference<DataSourceFactory> reference = references.iterator().next();
            DataSourceFactory factory = context.getService(reference);
            assertNotNull("DataSourceFactory of " + driverClass, factory);
            return factory.createDataSource(properties);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A connection to {@code database} on the test PostgreSQL server, as the admin role. */
    protected Connection pg(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_SERVER_NAME, DatabaseFixtures.PG_HOST);
        properties.setProperty(DataSourceFactory.JDBC_PORT_NUMBER, String.valueOf(DatabaseFixtures.PG_PORT));
        properties.setProperty(DataSourceFactory.JDBC_DATABASE_NAME, database);
        properties.setProperty(DataSourceFactory.JDBC_USER, DatabaseFixtures.PG_ADMIN);
        return dataSource(PG_DRIVER, properties).getConnection();
    }

    /**
     * The teardown of a class that has one test on PostgreSQL: restoring the catalog would create its
     * database again, so the catalog is stopped (no pool of it reconnects) and then the database dropped.
     */
    protected void stopCatalogAndDropDatabase(String database) {
        try {
            bundle(BacklineOptions.CATALOG_PLUGIN).stop();
        } catch (Exception e) {
            throw new AssertionError("Could not stop the catalog plugin", e);
        } finally {
            dropDatabase(database);
        }
    }

    /** Drops a database of the test server, ending any session still on it. */
    protected void dropDatabase(String database) {
        try (Connection admin = pg("postgres"); var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new AssertionError("Could not drop database " + database + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row of a query. */
    protected static List<String> column(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /**
     * The versions of a Flyway history table's successful migrations: only real ones, not the baseline
     * row the second of plugin and module writes when it finds the shared database not empty.
     */
    protected static List<String> migratedVersions(Connection connection, String historyTable) throws SQLException {
        return column(connection, "SELECT version FROM " + historyTable
                + " WHERE success AND type = 'SQL' ORDER BY installed_rank");
    }
}
