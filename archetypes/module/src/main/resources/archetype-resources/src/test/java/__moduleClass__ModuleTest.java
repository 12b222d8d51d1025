package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.backline.testkit.BacklineTest;
import dev.backline.testkit.MockCredentials;
import dev.backline.testkit.TestBackend;
import dev.backline.testkit.TestResponse;

/** The module alone in a test backend: the kit gives it an empty ${pluginId} plugin to extend. */
@BacklineTest
class ${moduleClass}ModuleTest {

    @Test
    void servesItsStatusUnderThePlugin() {
        TestBackend backend = TestBackend.start(new ${moduleClass}Module());

        TestResponse status = backend.http().as(MockCredentials.user()).get("/api/${pluginId}/modules/${moduleId}/status");

        assertEquals(200, status.status(), status.toString());
        assertEquals("${moduleId}", status.json().path("moduleId").asText());
        assertEquals(401, backend.http().get("/api/${pluginId}/modules/${moduleId}/status").status());
    }
}
