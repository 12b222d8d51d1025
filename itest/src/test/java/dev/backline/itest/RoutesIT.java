package dev.backline.itest;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** The example plugins' routes and the 404 of the dispatcher, over real HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RoutesIT extends BacklineTestSupport {

    @Test
    public void helloAnswersTheConfiguredValue() {
        Http.Response hello = Http.get(HELLO);
        assertEquals(hello.toString(), 200, hello.status());
        JsonNode body = hello.json();
        assertEquals(hello.toString(), "Hello from example plugin", body.path("message").asText());
        assertEquals(hello.toString(), CONFIGURED_VALUE, body.path("value").asText());
    }

    @Test
    public void examplesListTheModulesExample() {
        Http.Response examples = Http.get(EXAMPLES);
        assertEquals(examples.toString(), 200, examples.status());
        assertEquals(examples.toString(), List.of("hello"), exampleNames(examples.json()));
        assertEquals(examples.toString(), "An example added by the add-example module",
                examples.json().get(0).path("description").asText());
    }

    @Test
    public void unknownPluginIsNotFoundWithJsonError() {
        assertNotFound("/api/unknown/x", "No plugin 'unknown' is installed");
    }

    @Test
    public void unknownPathOfAKnownPluginIsNotFoundWithJsonError() {
        assertNotFound("/api/example/nope", "No handler for GET /api/example/nope");
    }

    /** With credentials: an unknown path under a plugin is only told apart from a protected one past the barrier. */
    private static void assertNotFound(String path, String message) {
        Http.Response response = Http.getAuthorized(path);
        assertEquals(response.toString(), 404, response.status());
        JsonNode body = response.json();
        assertEquals(response.toString(), "NotFoundError", body.path("error").path("name").asText());
        assertEquals(response.toString(), message, body.path("error").path("message").asText());
        assertEquals(response.toString(), "GET", body.path("request").path("method").asText());
        assertEquals(response.toString(), path, body.path("request").path("url").asText());
        assertEquals(response.toString(), 404, body.path("response").path("statusCode").asInt());
    }
}
