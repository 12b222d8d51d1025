package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The catalog example: the module's validators route, restarting the catalog plugin (by stopping and
 * starting its module's bundle) while clients use both plugins, and removing the plugin altogether.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CatalogIT extends BacklineTestSupport {

    static final int REQUESTS = 200;

    @After
    public void restoreCatalog() {
        restoreBundle(BacklineOptions.CATALOG_PLUGIN);
        restoreBundle(BacklineOptions.CATALOG_PROCESSOR);
        awaitProcessors("ExampleCustomProcessor");
        Await.get(VALIDATORS + " answering 200", VALIDATORS, r -> r.isJson(200));
    }

    @Test
    public void validatorsRouteOfTheModuleAnswers() {
        Http.Response validators = Http.getAuthorized(VALIDATORS); // without credentials a gone route is 401
        assertEquals(validators.toString(), 200, validators.status());
        assertEquals(validators.toString(), List.of("metadata.name is required", "spec.owner is required"),
                texts(validators.json().path("validators")));
        Http.Response processors = Http.get(PROCESSORS);
        assertEquals(processors.toString(), 200, processors.status());
        assertEquals(processors.toString(), List.of("ExampleCustomProcessor"), texts(processors.json()));
    }

    @Test
    public void restartingTheCatalogDoesNotDisturbTheExamplePlugin() throws Exception {
        Poller hello = new Poller(HELLO, r -> r.isJson(200) && CONFIGURED_VALUE.equals(r.json().path("value").asText()),
                REQUESTS).start();

        restartCatalogWithoutAndWithItsModule();

        hello.finish();
        assertTrue("requests sent: " + hello.sent(), hello.sent() >= REQUESTS);
        assertEquals("responses of " + HELLO + " other than 200 with the configured value, out of " + hello.sent(),
                List.of(), hello.problems());
    }

    @Test
    public void requestsToTheCatalogAreHeldNotRefusedWhileItRestarts() throws Exception {
        Poller processors = new Poller(PROCESSORS, r -> r.isJson(200), REQUESTS).start();

        restartCatalogWithoutAndWithItsModule();

        processors.finish();
        assertTrue("requests sent: " + processors.sent(), processors.sent() >= REQUESTS);
        assertEquals("responses of " + PROCESSORS + " other than 200, out of " + processors.sent(),
                List.of(), processors.problems());
    }

    /**
     * Once neither the plugin nor any module of it is installed, the backend forgets the plugin, so its
     * routes must be those of any unknown plugin: 404 "No plugin 'catalog' is installed", as while a module
     * waits for it (ModuleBeforePluginIT), and not a 503 "Service is stopped" that never ends.
     */
    @Test
    public void aPluginRemovedAfterItsModuleIsUnknown() throws Exception {
        bundle(BacklineOptions.CATALOG_PROCESSOR).stop();
        awaitProcessors();
        bundle(BacklineOptions.CATALOG_PLUGIN).stop();
        awaitUnknownCatalog();
    }

    @Test
    public void aPluginWhoseLastWaitingModuleLeavesIsUnknown() throws Exception {
        bundle(BacklineOptions.CATALOG_PLUGIN).stop();
        awaitUnknownCatalog(); // the module waits: 404
        bundle(BacklineOptions.CATALOG_PROCESSOR).stop();
        // The module's departure restarts 'catalog' (nothing is left to start); HTTP must still say 404
        // after that restart, so wait until the host has processed it.
        awaitHostIdle();
        awaitUnknownCatalog();
    }

    private static Http.Response awaitUnknownCatalog() {
        Http.Response gone = Await.get(PROCESSORS + " to answer 404 NotFoundError while no catalog plugin is installed",
                PROCESSORS, r -> r.status() == 404);
        assertEquals(gone.toString(), "NotFoundError", gone.json().path("error").path("name").asText());
        assertEquals(gone.toString(), "No plugin 'catalog' is installed", gone.json().path("error").path("message").asText());
        return gone;
    }

    /** Two restarts of 'catalog': the module's bundle stopped (no processor, no validators), then started. */
    private void restartCatalogWithoutAndWithItsModule() throws Exception {
        Bundle processor = bundle(BacklineOptions.CATALOG_PROCESSOR);

        processor.stop();
        awaitProcessors();
        Http.Response validators = Http.getAuthorized(VALIDATORS); // without credentials a gone route is 401
        assertEquals(validators.toString(), 404, validators.status());
        assertEquals(validators.toString(), "NotFoundError", validators.json().path("error").path("name").asText());

        processor.start();
        awaitProcessors("ExampleCustomProcessor");
        Await.get(VALIDATORS + " answering 200 again", VALIDATORS, r -> r.isJson(200));
    }
}
