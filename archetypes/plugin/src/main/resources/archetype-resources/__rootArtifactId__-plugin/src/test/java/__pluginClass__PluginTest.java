package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ${package}.api.${pluginClass}ExtensionPoint;
import dev.backline.plugin.api.BackendModule;
import dev.backline.testkit.BacklineTest;
import dev.backline.testkit.MockCredentials;
import dev.backline.testkit.TestBackend;
import dev.backline.testkit.TestDatabase;
import dev.backline.testkit.TestHttp;
import dev.backline.testkit.TestResponse;

/** The plugin in a test backend: real HTTP on a free port, a database of its own, mock credentials. */
@BacklineTest
class ${pluginClass}PluginTest {

    @ParameterizedTest
    @MethodSource("dev.backline.testkit.TestDatabases#all")
    void storesAndListsItems(TestDatabase database) {
        TestBackend backend = TestBackend.builder().add(new ${pluginClass}Plugin()).database(database).start();
        TestHttp user = backend.http().as(MockCredentials.user());

        TestResponse created = user.post("/api/${pluginId}/items", Map.of("title", "First"));

        assertEquals(201, created.status(), created.toString());
        long id = created.json().path("id").asLong();
        assertEquals("First", user.get("/api/${pluginId}/items/" + id).json().path("title").asText());
        assertEquals(1, user.get("/api/${pluginId}/items").json().size());
    }

    @Test
    void aMissingItemIsABackstageNotFound() {
        TestBackend backend = TestBackend.start(new ${pluginClass}Plugin());

        TestResponse missing = backend.http().as(MockCredentials.user()).get("/api/${pluginId}/items/42");

        assertEquals(404, missing.status(), missing.toString());
        assertEquals("NotFoundError", missing.json().path("error").path("name").asText());
    }

    @Test
    void routesNeedCredentials() {
        TestBackend backend = TestBackend.start(new ${pluginClass}Plugin());

        assertEquals(401, backend.http().get("/api/${pluginId}/items").status());
    }

    @Test
    void theTitleLengthIsConfigured() {
        TestBackend backend = TestBackend.builder().add(new ${pluginClass}Plugin())
                .config(Map.of("${pluginId}", Map.of("maxTitleLength", 5))).start();

        TestResponse tooLong = backend.http().as(MockCredentials.user()).post("/api/${pluginId}/items", Map.of("title", "Too long"));

        assertEquals(400, tooLong.status(), tooLong.toString());
    }

    @Test
    void aValueTheSchemaRejectsFailsTheStartNamingTheKey() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBackend.builder()
                .add(new ${pluginClass}Plugin()).config(Map.of("${pluginId}.maxTitleLength", "long")).start());

        assertTrue(error.getMessage().contains("${pluginId}.maxTitleLength"), error.getMessage());
    }

    @Test
    void modulesContributeItems() {
        BackendModule module = BackendModule.create("${pluginId}", "extra", env -> env.registerInit(
                List.of(${pluginClass}ExtensionPoint.REF), deps -> deps.get(${pluginClass}ExtensionPoint.REF)
                        .addItem(new ${pluginClass}ExtensionPoint.Item("From a module"))));
        TestBackend backend = TestBackend.start(new ${pluginClass}Plugin(), module);

        TestResponse items = backend.http().as(MockCredentials.user()).get("/api/${pluginId}/items");

        assertEquals("From a module", items.json().path(0).path("title").asText(), items.toString());
    }
}
