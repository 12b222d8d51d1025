package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.time.Duration;
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
 * PostgreSQL in the default {@code database} division mode: a database {@code <prefix><pluginId>} for
 * each plugin that asks for one, created on first use, holding the plugin's and its module's tables and
 * histories. A stopped plugin leaves no connection behind, and restarts do not pile up pools.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabasePostgresIT extends DatabaseTestSupport {

    /** The pool size of every plugin unless configured (PoolSettings.DEFAULTS). */
    static final int POOL_MAX = 5;
    static final int RESTARTS = 6;

    /** Unique per run, so databases of an earlier or concurrent run are never seen or dropped. */
    static String prefix() {
        return "backline_it_" + DatabaseFixtures.runToken("pg") + "_";
    }

    static String catalogDatabase() {
        return prefix() + "catalog";
    }

    @Configuration
    @Override
    public Option[] config() {
        String config = DatabaseFixtures.writeConfig("database-pg.yaml", String.join("\n",
                "backend:",
                "  database:",
                "    client: pg",
                "    prefix: " + prefix(),
                "    connection:",
                "      host: " + DatabaseFixtures.PG_HOST,
                "      port: " + DatabaseFixtures.PG_PORT,
                "      user: " + DatabaseFixtures.PG_ADMIN,
                "      password: not-checked",
                ""));
        return BacklineOptions.base(BacklineOptions.configFile() + "," + config);
    }

    /**
     * Instead of restoring the catalog: this class has one test, and a restored catalog would create its
     * database again. The plugin is stopped first so that no pool of it reconnects to the dropped database.
     */
    @After
    @Override
    public void restoreCatalog() {
        try {
            // the events plugin's listener would reconnect to its dropped database
            bundle(BacklineOptions.EVENTS).stop();
        } catch (Exception e) {
            throw new AssertionError("Could not stop the events bundle", e);
        } finally {
            dropDatabase(prefix() + "events");
        }
        stopCatalogAndDropDatabase(catalogDatabase());
    }

    @Test
    public void theCatalogsDatabaseHoldsBothHistoriesKeepsItsDataAndIsReleasedOnStop() throws Exception {
        try (Connection admin = pg("postgres")) {
            // 'example' never asks for a database, so none is created for it; the events plugin keeps the events it
            // shares with other instances in its own.
            assertEquals(List.of(catalogDatabase(), prefix() + "events"), column(admin,
                    "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname", prefix()));
        }
        try (Connection catalog = pg(catalogDatabase())) {
            assertEquals("migrations of the plugin", List.of("1", "2"), migratedVersions(catalog, PLUGIN_HISTORY));
            assertEquals("migrations of the module", List.of("1"), migratedVersions(catalog, MODULE_HISTORY));
            assertEquals("migrations of the scheduler (Quartz's tables)", List.of("1"), migratedVersions(catalog, SCHEDULER_HISTORY));
            assertEquals(CATALOG_TABLES,
                    column(catalog, "SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'public'" + NOT_SCHEDULER + " ORDER BY table_name"));
        }

        Http.Response created = postEntity("pg-service", "team-c");
        assertEquals(created.toString(), 201, created.status());
        assertEquals(List.of("pg-service"), entityNames());
        assertTrue("connections of the running catalog", connections() > 0);

        stopCatalog();
        Await.until("connections to " + catalogDatabase() + " to end after the catalog stopped", this::connections,
                n -> n == 0, Duration.ofSeconds(10));
        startCatalog();
        assertEquals(List.of("pg-service"), entityNames());

        // A pool left open by each restart would add its idle connections to the count.
        for (int i = 0; i < RESTARTS; i++) {
            stopCatalog();
            startCatalog();
            assertEquals(List.of("pg-service"), entityNames());
        }
        long open = connections();
        assertTrue("connections to " + catalogDatabase() + " after " + RESTARTS + " restarts: " + open,
                open > 0 && open <= POOL_MAX);
    }

    /** Rows of pg_stat_activity for the catalog's database. */
    private long connections() throws Exception {
        try (Connection admin = pg("postgres")) {
            return Long.parseLong(column(admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?",
                    catalogDatabase()).get(0));
        }
    }
}
