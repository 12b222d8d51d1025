package dev.backline.example.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.example.catalog.CatalogPlugin;
import dev.backline.example.module.ExampleModuleAddExample;
import dev.backline.testkit.BacklineTest;
import dev.backline.testkit.MockCredentials;
import dev.backline.testkit.TestBackend;
import dev.backline.testkit.TestResponse;

/** The example plugin as a plugin author tests it: the test kit, no OSGi. */
@BacklineTest
class ExamplePluginTest {

    @Test
    void helloAnswersWithTheConfiguredValueAndNeverTheToken() {
        TestBackend backend = TestBackend.builder().add(new ExamplePlugin(true))
                .config(Map.of("example", Map.of("value", "from the test", "apiToken", "s3cret"))).start();

        TestResponse hello = backend.http().get("/api/example/hello");

        assertEquals(200, hello.status(), hello.toString());
        assertEquals("from the test", hello.json().path("value").asText());
        assertTrue(hello.json().path("apiTokenConfigured").asBoolean());
        assertTrue(!hello.body().contains("s3cret"), hello.body());
    }

    @Test
    void theModuleAddsItsExample() {
        TestBackend backend = TestBackend.start(new ExamplePlugin(false), new ExampleModuleAddExample());

        assertEquals("hello", backend.http().get("/api/example/examples").json().path(0).path("name").asText());
        assertTrue(backend.logs().contains("Hello from example plugin"));
    }

    @Test
    void theModuleAloneGetsTheExtensionPointTheTestGives() {
        List<ExamplesExtensionPoint.Example> added = new ArrayList<>();

        TestBackend.builder().add(new ExampleModuleAddExample())
                .extensionPoint(ExamplesExtensionPoint.REF, added::add).start();

        assertEquals("hello", added.get(0).name());
    }

    @Test
    void publishingStoresTheExamplesInTheCatalogOnTheCallersBehalf() {
        TestBackend backend = TestBackend.start(new ExamplePlugin(true), new ExampleModuleAddExample(), new CatalogPlugin());

        TestResponse anonymous = backend.http().post("/api/example/examples/publish", "");
        assertEquals(401, anonymous.status(), anonymous + " " + backend.logs().lines());
        TestResponse published = backend.http().as(MockCredentials.user("user:default/alice")).post("/api/example/examples/publish", "");

        assertEquals(200, published.status(), published.toString());
        assertEquals(201, published.json().path("results").path(0).path("status").asInt(), published.toString());
        TestResponse entities = backend.http().get("/api/catalog/entities");
        assertEquals("hello", entities.json().path("items").path(0).path("metadata").path("name").asText(), entities.toString());
        assertTrue(backend.logs().contains("Stored entity Component:hello"), backend.logs().messages().toString());
        // the catalog announced it; the example plugin heard it on its own delivery thread
        TestResponse announced = awaitJson(backend, "/api/example/catalog-events", r -> r.json().size() == 1);
        assertEquals("component:hello", announced.json().path(0).asText(), announced.toString());
    }

    private static TestResponse awaitJson(TestBackend backend, String path, java.util.function.Predicate<TestResponse> done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            TestResponse response = backend.http().as(MockCredentials.service("test")).get(path);
            if (response.status() == 200 && done.test(response)) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 10 s: " + response);
            }
            try {
                Thread.sleep(10); // the poll interval; the deadline above bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + path, e);
            }
        }
    }
}
