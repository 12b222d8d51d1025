package dev.backline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsServiceSubscribeOptions;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpPostIngressOptions;

/** The test backend has core.events with the HTTP ingress, and core.urlReader with backend.reading.allow. */
class EventsAndUrlReaderTest {

    @Test
    void eventsPublishedByOnePluginAndPostedToTheIngressReachAnother() throws Exception {
        List<EventParams> received = new CopyOnWriteArrayList<>();
        BackendPlugin listener = BackendPlugin.create("listener", env -> env.registerInit(List.of(CoreServices.EVENTS), deps -> {
            deps.get(CoreServices.EVENTS).subscribe(new EventsServiceSubscribeOptions("recorder", List.of("todo.created"),
                    received::add));
            deps.get(CoreServices.EVENTS).addHttpPostIngress(HttpPostIngressOptions.of("todo.created"));
        }));
        BackendPlugin publisher = BackendPlugin.create("todo", env -> env.registerInit(List.of(CoreServices.EVENTS), deps -> { }));
        try (TestBackend backend = TestBackend.start(listener, publisher)) {
            // after the start: plugins start in any order, and an event reaches only who subscribed before it
            backend.pluginService("todo", CoreServices.EVENTS).publish(EventParams.of("todo.created", Map.of("title", "first")));
            TestResponse anonymous = backend.http().post("/api/events/http/todo.created", Map.of("title", "second"));
            assertEquals(401, anonymous.status(), anonymous.toString());
            TestResponse posted = backend.http().as(MockCredentials.service("ci")).post("/api/events/http/todo.created",
                    Map.of("title", "second"));
            assertEquals(202, posted.status(), posted.toString());

            awaitUntil(() -> received.size() == 2, "two events, got " + received);
            assertEquals(Map.of("title", "first"), received.get(0).eventPayload());
            assertEquals(Map.of("title", "second"), received.get(1).eventPayload());
            assertEquals("application/json", received.get(1).metadata().get("content-type"));
        }
    }

    @Test
    void theUrlReaderReadsOnlyWhatBackendReadingAllowAllows() {
        BackendPlugin docs = BackendPlugin.create("docs", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {
            deps.get(CoreServices.HTTP_ROUTER).use("/file", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                    response.setHeader("ETag", "\"v1\"");
                    response.getWriter().write("hello");
                }
            });
            deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/file", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        }));
        try (TestBackend refusing = TestBackend.start(docs)) {
            String url = refusing.baseUrl() + "/api/docs/file";
            NotAllowedError refused = assertThrows(NotAllowedError.class,
                    () -> refusing.pluginService("docs", CoreServices.URL_READER).readUrl(url));
            assertTrue(refused.getMessage().contains("backend.reading.allow"), refused.getMessage());
        }
        TestBackend.Builder allowing = TestBackend.builder().add(docs)
                .config(Map.of("backend.reading.allow", List.of(Map.of("host", "127.0.0.1:1-65535", "paths", List.of("/api/docs/")))));
        try (TestBackend backend = allowing.start()) {
            var read = backend.pluginService("docs", CoreServices.URL_READER).readUrl(backend.baseUrl() + "/api/docs/file");
            assertEquals("hello", new String(read.buffer(), StandardCharsets.UTF_8));
            assertEquals("\"v1\"", read.etag());
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within 10 s: " + what);
            }
            Thread.sleep(20); // polling the condition, up to the deadline
        }
    }
}
