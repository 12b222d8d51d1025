package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * PostgreSQL in {@code schema} division mode: one configured database, created when missing, and a
 * schema per plugin that asks for a database, holding the plugin's and its module's tables and histories.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabasePostgresSchemaIT extends DatabaseTestSupport {

    /** Unique per run; it does not exist before the backend starts, so ensureExists must create it. */
    static String database() {
        return "backline_it_schema_" + DatabaseFixtures.runToken("pgschema");
    }

    @Configuration
    @Override
    public Option[] config() {
        String config = DatabaseFixtures.writeConfig("database-pg-schema.yaml", String.join("\n",
                "backend:",
                "  database:",
                "    client: pg",
                "    pluginDivisionMode: schema",
                "    connection:",
                "      host: " + DatabaseFixtures.PG_HOST,
                "      port: " + DatabaseFixtures.PG_PORT,
                "      user: " + DatabaseFixtures.PG_ADMIN,
                "      database: " + database(),
                ""));
        return BacklineOptions.base(BacklineOptions.configFile() + "," + config);
    }

    /** Instead of restoring the catalog, which would create the database again: stop it and drop the database. */
    @After
    @Override
    public void restoreCatalog() {
        stopCatalogAndDropDatabase(database());
    }

    @Test
    public void theCatalogsSchemaHoldsItsTablesAndBothHistories() throws Exception {
        Http.Response created = postEntity("schema-service", "team-d");
        assertEquals(created.toString(), 201, created.status());
        assertEquals(List.of("schema-service"), entityNames());

        try (Connection connection = pg(database())) {
            // 'example' never asks for a database, so it gets no schema; the events plugin has its own.
            assertEquals(List.of("catalog", "events"), column(connection, "SELECT schema_name FROM information_schema.schemata"
                    + " WHERE schema_name NOT IN ('public', 'information_schema') AND schema_name NOT LIKE 'pg\\_%'"
                    + " ORDER BY schema_name"));
            // The catalog's tables, its module's, and its scheduler's (Quartz's, with their own history).
            assertEquals(CATALOG_TABLES, column(connection, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'catalog'" + NOT_SCHEDULER + " ORDER BY table_name"));
            List<String> schedulerTables = column(connection, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'catalog' AND table_name LIKE 'backline\\_scheduler\\_\\_%' ORDER BY table_name");
            assertEquals(schedulerTables.toString(), 12, schedulerTables.size());
            assertTrue(schedulerTables.toString(), schedulerTables.contains("backline_scheduler__flyway_schema_history")
                    && schedulerTables.contains("backline_scheduler__qrtz_triggers"));
            assertEquals("tables in schema public", List.of(), column(connection,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
            assertEquals("migrations of the plugin", List.of("1", "2"), migratedVersions(connection, "catalog." + PLUGIN_HISTORY));
            assertEquals("migrations of the module", List.of("1"), migratedVersions(connection, "catalog." + MODULE_HISTORY));
            assertEquals("migrations of the scheduler (Quartz's tables)", List.of("1"), migratedVersions(connection, "catalog." + SCHEDULER_HISTORY));
            assertEquals(List.of("component:schema-service"), column(connection, "SELECT entity_ref FROM catalog.entities"));
        }
    }
}
