package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The default database, with no {@code backend.database} configured: an in-memory H2 database per
 * plugin, shared by the catalog and its module, that outlives a restart of the plugin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseH2IT extends DatabaseTestSupport {

    @Test
    public void entitiesAndValidationsAreStoredAndKeptAcrossACatalogRestart() throws Exception {
        List<Long> before = validationCounts();

        Http.Response created = postEntity("h2-service", "team-a");
        assertEquals(created.toString(), 201, created.status());
        Http.Response rejected = postEntity("h2-ownerless", null);
        assertEquals(rejected.toString(), 400, rejected.status());
        assertTrue(rejected.toString(), texts(rejected.json().path("problems")).contains("spec.owner is required"));

        // Only the valid entity is stored; the module recorded both validations, one with problems.
        assertEquals(List.of("h2-service"), entityNames());
        assertEquals("{validations, withProblems}", List.of(before.get(0) + 2, before.get(1) + 1), validationCounts());

        // The plugin's pool is closed on stop; the in-memory database must not go with it.
        stopCatalog();
        startCatalog();

        assertEquals(List.of("h2-service"), entityNames());
        assertEquals("{validations, withProblems} after the restart", List.of(before.get(0) + 2, before.get(1) + 1),
                validationCounts());
    }
}
