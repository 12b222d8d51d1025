package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * H2 on disk ({@code backend.database.connection.directory}): each plugin asking for a database gets
 * {@code <directory>/<pluginId>.mv.db}, holding the plugin's and its module's tables and histories; the
 * file is closed when the plugin stops and its data is there when it starts again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseH2FileIT extends DatabaseTestSupport {

    /** A directory of this run only, so no file of an earlier run is found. */
    static File directory() {
        return new File(DatabaseFixtures.targetDir(), "h2-" + DatabaseFixtures.runToken("h2file"));
    }

    @Configuration
    @Override
    public Option[] config() {
        String config = DatabaseFixtures.writeConfig("database-h2-file.yaml", String.join("\n",
                "backend:",
                "  database:",
                "    client: h2",
                "    connection:",
                "      directory: " + directory().getAbsolutePath(),
                ""));
        return BacklineOptions.base(BacklineOptions.configFile() + "," + config);
    }

    @Test
    public void theCatalogsFileHoldsBothHistoriesIsClosedOnStopAndKeepsItsData() throws Exception {
        Http.Response created = postEntity("file-service", "team-b");
        assertEquals(created.toString(), 201, created.status());
        assertEquals(List.of("file-service"), entityNames());
        assertTrue("the catalog's database file", new File(directory(), "catalog.mv.db").isFile());
        // The example plugin never asks for a database, so it gets no file.
        assertFalse("a database file for 'example'", new File(directory(), "example.mv.db").exists());

        stopCatalog();

        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:h2:file:" + new File(directory(), "catalog").getAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE");
        properties.setProperty(DataSourceFactory.JDBC_USER, "sa");
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, "");
        try (Connection connection = dataSource(H2_DRIVER, properties).getConnection()) {
            // This JVM's H2 would share a database still open, so the proof that the pool was closed is
            // that this connection is the database's only session.
            assertEquals("sessions of the catalog's database, this one included", List.of("1"),
                    column(connection, "SELECT COUNT(*) FROM information_schema.sessions"));
            assertEquals(CATALOG_TABLES,
                    column(connection, "SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'public'" + NOT_SCHEDULER + " ORDER BY table_name"));
            assertEquals("migrations of the plugin", List.of("1", "2"), migratedVersions(connection, PLUGIN_HISTORY));
            assertEquals("migrations of the module", List.of("1"), migratedVersions(connection, MODULE_HISTORY));
            assertEquals("migrations of the scheduler (Quartz's tables)", List.of("1"), migratedVersions(connection, SCHEDULER_HISTORY));
            assertEquals(List.of("component:file-service"), column(connection, "SELECT entity_ref FROM entities"));
        }

        startCatalog();
        assertEquals(List.of("file-service"), entityNames());
    }
}
