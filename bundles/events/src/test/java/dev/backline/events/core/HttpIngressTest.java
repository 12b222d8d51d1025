package dev.backline.events.core;

import static dev.backline.events.core.EventsBackends.TOKEN;
import static dev.backline.events.core.EventsBackends.await;
import static dev.backline.events.core.EventsBackends.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsServiceSubscribeOptions;
import dev.backline.plugin.api.services.HttpPostIngressOptions;
import dev.backline.plugin.api.services.LogLevel;

/** The events plugin's {@code POST /api/events/http/<topic>} over real HTTP, on the default H2 database. */
class HttpIngressTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CREDENTIALS = {"Authorization", "Bearer " + TOKEN};

    private final EventsBackends backends = new EventsBackends();
    private final List<EventParams> received = new CopyOnWriteArrayList<>();
    private EventsBackends.Instance instance;

    @BeforeEach
    void start() {
        instance = backends.startWithEventsPlugin(Map.of(), Map.of(),
                plugin("github", events -> {
                    events.addHttpPostIngress(HttpPostIngressOptions.of("github.push").openToUnauthenticated()
                            .validator((body, headers) -> {
                                if (!"ok".equals(headers.get("x-signature"))) {
                                    throw new NotAllowedError("Bad signature " + headers.get("x-signature"));
                                }
                            }));
                    events.addHttpPostIngress(HttpPostIngressOptions.of("internal.thing"));
                }),
                plugin("listener", events -> events.subscribe(new EventsServiceSubscribeOptions("recorder",
                        List.of("github.push", "internal.thing"), received::add))));
    }

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    private HttpResponse<String> post(String topic, String body, String... headers) throws Exception {
        return backends.post(instance, "/api/events/http/" + topic, body, headers);
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error");
    }

    @Test
    void aTopicBehindTheBarrierNeedsCredentialsAndPublishesTheBodyWithTheHeaders() throws Exception {
        HttpResponse<String> refused = post("internal.thing", "{\"a\":1}");
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("AuthenticationError", error(refused).path("name").asText(), refused.body());

        HttpResponse<String> accepted = post("internal.thing", "{\"a\":1,\"list\":[true,null,2.5]}", "Authorization",
                "Bearer " + TOKEN, "Content-Type", "application/json", "X-Custom", "Yes", "Cookie", "session=secret");
        assertEquals(202, accepted.statusCode(), accepted.body());

        assertTrue(await(() -> received.size() == 1), "received " + received);
        EventParams event = received.get(0);
        assertEquals("internal.thing", event.topic());
        assertEquals(Map.of("a", 1, "list", java.util.Arrays.asList(true, null, 2.5)), event.eventPayload());
        assertEquals("Yes", event.metadata().get("x-custom"));
        assertEquals("application/json", event.metadata().get("content-type"));
        assertFalse(event.metadata().containsKey("authorization"), event.metadata().toString());
        assertFalse(event.metadata().containsKey("cookie"), event.metadata().toString());
        assertTrue(event.metadata().keySet().stream().allMatch(name -> name.equals(name.toLowerCase())),
                event.metadata().toString());
    }

    @Test
    void anOpenTopicTakesCallersWithoutCredentialsAndItsValidatorDecides() throws Exception {
        HttpResponse<String> rejected = post("github.push", "{\"ref\":\"main\"}", "X-Signature", "forged");
        assertEquals(403, rejected.statusCode(), rejected.body());
        assertEquals("NotAllowedError", error(rejected).path("name").asText());
        assertEquals("Bad signature forged", error(rejected).path("message").asText());

        HttpResponse<String> accepted = post("github.push", "{\"ref\":\"main\"}", "X-Signature", "ok");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(await(() -> received.size() == 1), "received " + received);
        assertEquals(Map.of("ref", "main"), received.get(0).eventPayload(), "the rejected request published nothing");
    }

    @Test
    void unknownTopicsAreNotFoundOnlyForCallersWithCredentials() throws Exception {
        HttpResponse<String> stranger = post("no.such.topic", "{}");
        assertEquals(401, stranger.statusCode(), stranger.body());

        HttpResponse<String> missing = post("no.such.topic", "{}", CREDENTIALS);
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("NotFoundError", error(missing).path("name").asText());
        assertEquals("No HTTP ingress is open for topic 'no.such.topic'", error(missing).path("message").asText());
    }

    @Test
    void aBodyThatIsNotJsonIsAnInputErrorAndOnlyPostIsTaken() throws Exception {
        HttpResponse<String> notJson = post("internal.thing", "{\"a\": oops", CREDENTIALS);
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertEquals("InputError", error(notJson).path("name").asText());
        assertTrue(error(notJson).path("message").asText().startsWith(
                "The body posted to the HTTP ingress of topic 'internal.thing' is not JSON: "), notJson.body());
        HttpResponse<String> empty = post("internal.thing", "", CREDENTIALS);
        assertEquals(400, empty.statusCode(), empty.body());
        HttpResponse<String> twoDocuments = post("internal.thing", "{} {}", CREDENTIALS);
        assertEquals(400, twoDocuments.statusCode(), twoDocuments.body());

        HttpResponse<String> get = backends.get(instance, "/api/events/http/internal.thing", CREDENTIALS);
        assertEquals(405, get.statusCode(), get.body());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null));

        assertEquals(202, post("internal.thing", "\"last\"", CREDENTIALS).statusCode());
        assertTrue(await(() -> received.size() == 1), "received " + received);
        assertEquals("last", received.get(0).eventPayload(), "refused requests published nothing");
    }

    @Test
    void aTopicHasOneOwnerAndAnswersUnavailableWhileItsPluginIsStopped() throws Exception {
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> instance.of("listener").addHttpPostIngress(HttpPostIngressOptions.of("github.push")));
        assertEquals("Plugin 'listener' cannot open the HTTP ingress of topic 'github.push': plugin 'github' has"
                + " opened it", taken.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> instance.of("github").addHttpPostIngress(HttpPostIngressOptions.of("internal.thing")));
        assertEquals("Plugin 'github' has already opened the HTTP ingress of topic 'internal.thing'", twice.getMessage());

        instance.backend().initializer().stopPlugin("github");
        // a sender of webhooks retries a 503; the plugin is usually only restarting
        HttpResponse<String> closed = post("internal.thing", "{}", CREDENTIALS);
        assertEquals(503, closed.statusCode(), closed.body());
        assertTrue(closed.body().contains("Plugin 'github', which opened the HTTP ingress of topic 'internal.thing', is"
                + " not running"), closed.body());
        assertEquals(401, post("internal.thing", "{}").statusCode(), "still behind the barrier while stopped");
        instance.backend().initializer().restartPlugin("github");
        assertEquals(202, post("internal.thing", "{}", CREDENTIALS).statusCode(), "the restarted plugin opened it again");
        instance.backend().initializer().stopPlugin("github");
        instance.of("listener").addHttpPostIngress(HttpPostIngressOptions.of("github.push"));
        assertEquals(202, post("github.push", "1", CREDENTIALS).statusCode(), "now the listener's, behind the barrier");
        assertEquals(401, post("github.push", "1", "X-Signature", "ok").statusCode());
    }

    @Test
    void onH2EventsStayWithinTheInstanceAndTheLogSaysSo() {
        assertTrue(backends.logs.lines(line -> line.level() == LogLevel.INFO && "events".equals(line.fields().get("plugin"))
                && line.message().startsWith("Events stay within this instance: the events plugin's database is H2")).size() == 1,
                backends.logs.messages().toString());
    }
}
