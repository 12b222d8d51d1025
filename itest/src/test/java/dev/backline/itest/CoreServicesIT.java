package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsServiceSubscribeOptions;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpRouterService;
import dev.backline.plugin.api.services.HttpPostIngressOptions;
import dev.backline.plugin.api.services.RootSystemMetadataService;
import dev.backline.plugin.api.services.UrlReaderProvider;
import dev.backline.plugin.api.services.UrlReaderReadUrlOptions;
import dev.backline.plugin.api.services.UrlReaderReadUrlResponse;
import dev.backline.plugin.api.services.UrlReaderService;

/**
 * The events, urlReader, permissions and userInfo bundles in the container: the catalog's events reach the example
 * plugin and a plain Event Admin handler, an HTTP ingress publishes to a subscriber, the example policy bundle hides
 * Secret entities and taking it away denies everything, a user token's ownership refs come out of core.userInfo, and
 * the url reader reads only what backend.reading.allow allows, or what a reader service takes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreServicesIT extends BacklineTestSupport {

    static final String USER_ISSUER = "https://idp.itest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One key for the class: the backend caches the issuer's keys by key id. */
    private static ECKey userKey;
    /** The probe plugin's services, as its init received them. */
    private static final AtomicReference<UrlReaderService> urlReader = new AtomicReference<>();
    private static final AtomicReference<RootSystemMetadataService> systemMetadata = new AtomicReference<>();
    private static final List<EventParams> pings = new CopyOnWriteArrayList<>();
    private ServiceRegistration<BackendPlugin> probe;
    /** Which registration of the probe serves: a test starts only once its own does, not the previous one. */
    private static final java.util.concurrent.atomic.AtomicInteger generations = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    @Configuration
    public Option[] config() {
        File extra;
        try {
            extra = File.createTempFile("core-services-it", ".yaml");
            extra.deleteOnExit();
            Files.writeString(extra.toPath(), String.join("\n",
                    "permission:",
                    "  enabled: true",
                    "backend:",
                    "  auth:",
                    "    userTokens:",
                    "      url: http://127.0.0.1:" + BacklineOptions.PORT + "/api/probe/jwks.json",
                    "      issuer: " + USER_ISSUER,
                    "  reading:",
                    "    allow:",
                    "      - host: 127.0.0.1:" + BacklineOptions.PORT,
                    "        paths: [/api/catalog/]",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BacklineOptions.base(BacklineOptions.configFile() + "," + extra.getAbsolutePath());
    }

    @Before
    public void registerProbe() throws Exception {
        if (userKey == null) {
            userKey = new ECKeyGenerator(Curve.P_256).keyID("itest-users").generate();
        }
        byte[] jwks = new JWKSet(userKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        pings.clear();
        String generation = Integer.toString(generations.incrementAndGet());
        // 'probe': plays the identity provider (/jwks.json), answers who the caller is (/whoami), opens the ingress
        // topic itest.ping and records what arrives on it, and hands its url reader to the test.
        probe = context.registerService(BackendPlugin.class, BackendPlugin.create("probe", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER, CoreServices.HTTP_AUTH, CoreServices.USER_INFO, CoreServices.EVENTS,
                        CoreServices.URL_READER, CoreServices.ROOT_SYSTEM_METADATA), deps -> {
                    serveOpenly(deps.get(CoreServices.HTTP_ROUTER), "/jwks.json", "application/json", jwks);
                    serveOpenly(deps.get(CoreServices.HTTP_ROUTER), "/generation", "text/plain",
                            generation.getBytes(StandardCharsets.UTF_8));
                    deps.get(CoreServices.HTTP_ROUTER).use("/whoami", new HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                            var info = deps.get(CoreServices.USER_INFO).getUserInfo(deps.get(CoreServices.HTTP_AUTH).credentials(req));
                            resp.setContentType("application/json");
                            JSON.writeValue(resp.getOutputStream(), info);
                        }
                    });
                    deps.get(CoreServices.EVENTS).addHttpPostIngress(HttpPostIngressOptions.of("itest.ping"));
                    deps.get(CoreServices.EVENTS).subscribe(new EventsServiceSubscribeOptions("pings", List.of("itest.ping"),
                            pings::add));
                    urlReader.set(deps.get(CoreServices.URL_READER));
                    systemMetadata.set(deps.get(CoreServices.ROOT_SYSTEM_METADATA));
                })), null);
        // the previous test's probe may still serve until the host restarts the plugin with this one
        Await.get("the probe plugin of this test", "/api/probe/generation",
                r -> r.status() == 200 && generation.equals(r.body()));
    }

    /** Serves {@code body} at {@code path} of the plugin, to anyone. */
    private static void serveOpenly(HttpRouterService router, String path, String contentType, byte[] body) {
        router.use(path, new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType(contentType);
                resp.getOutputStream().write(body);
            }
        });
        router.addAuthPolicy(new HttpAuthPolicy(path, HttpAuthPolicy.Allow.UNAUTHENTICATED));
    }

    @After
    public void unregisterProbe() {
        probe.unregister();
        restoreBundle(BacklineOptions.EXAMPLE_POLICY);
    }

    @Test
    public void eachStoredEntityIsAnEventForTheExamplePluginAndForAPlainEventAdminHandler() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "dev/backline/events/catalog/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, seen::add, properties);
        try {
            String name = "evented-" + System.nanoTime();
            assertEquals(201, storeEntity("Component", name).status());

            Http.Response heard = Await.until("the example plugin to hear of " + name,
                    () -> Http.getAuthorized("/api/example/catalog-events"),
                    r -> r.isJson(200) && texts(r.json()).contains("component:" + name));
            assertEquals(heard.toString(), 1, texts(heard.json()).stream().filter(("component:" + name)::equals).count());
            Event event = Await.until("the Event Admin event", () -> seen.stream()
                    .filter(e -> String.valueOf(e.getProperty("backline.payload")).contains(name)).findFirst().orElse(null),
                    e -> e != null);
            assertEquals("dev/backline/events/catalog/entity/stored", event.getTopic());
            assertEquals("catalog.entity.stored", event.getProperty("backline.topic"));
            assertEquals("catalog", event.getProperty("backline.plugin"));
            JsonNode payload = JSON.readTree((String) event.getProperty("backline.payload"));
            assertEquals(payload.toString(), "component:" + name, payload.path("entityRef").asText());
            assertEquals(payload.toString(), "Component", payload.path("entity").path("kind").asText());
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void anIngressTopicTakesPostsWithCredentialsOnly() throws Exception {
        assertEquals(401, anonymousPost("/api/events/http/itest.ping", "{\"n\":1}").status());
        assertEquals(404, post("/api/events/http/itest.nobody", "{\"n\":1}").status());
        Http.Response accepted = post("/api/events/http/itest.ping", "{\"n\":2}");
        assertEquals(accepted.toString(), 202, accepted.status());

        Await.until("the ping to arrive", () -> List.copyOf(pings), list -> list.size() == 1);
        assertEquals(Map.of("n", 2), pings.get(0).eventPayload());
        assertFalse("credentials stay out of the metadata", pings.get(0).metadata().containsKey("authorization"));
    }

    @Test
    public void theExamplePolicyHidesSecretsAndWithoutAPolicyEverythingIsDenied() throws Exception {
        String secret = "vault-" + System.nanoTime();
        String component = "shown-" + System.nanoTime();
        assertEquals(201, storeEntity("Secret", secret).status());
        assertEquals(201, storeEntity("Component", component).status());

        // anonymous callers are users of the policy's: the condition not(IS_ENTITY_KIND Secret) filters the list
        List<String> listed = names(Http.get("/api/catalog/entities?limit=1000"));
        assertTrue(listed.toString(), listed.contains(component));
        assertFalse(listed.toString(), listed.contains(secret));
        assertEquals(404, Http.get("/api/catalog/entities/by-name/secret/" + secret).status());
        assertEquals(200, Http.get("/api/catalog/entities/by-name/component/" + component).status());
        // a service is allowed without asking the policy
        assertTrue(names(Http.getAuthorized("/api/catalog/entities?limit=1000")).contains(secret));

        Http.Response decision = post("/api/permission/authorize", "{\"items\":[{\"id\":\"a\",\"permission\":{\"type\":\"resource\","
                + "\"name\":\"catalog.entity.read\",\"attributes\":{\"action\":\"read\"},\"resourceType\":\"catalog-entity\"}}]}");
        assertTrue(decision.toString(), decision.isJson(200));
        JsonNode item = decision.json().path("items").path(0);
        assertEquals(decision.toString(), "CONDITIONAL", item.path("result").asText());
        assertEquals(decision.toString(), "IS_ENTITY_KIND", item.path("conditions").path("not").path("rule").asText());
        // nobody may ask what nobody may do, as Backstage's permission backend has it; a bad token is refused
        Http.Response forNobody = anonymousPost("/api/permission/authorize", "{\"items\":[{\"id\":\"n\",\"permission\":"
                + "{\"type\":\"basic\",\"name\":\"catalog.entity.create\",\"attributes\":{}}}]}");
        assertTrue(forNobody.toString(), forNobody.isJson(200));
        assertEquals(forNobody.toString(), "ALLOW", forNobody.json().path("items").path(0).path("result").asText());
        assertEquals(401, Http.send(BacklineOptions.PORT, "POST", "/api/permission/authorize",
                Map.of("Authorization", "Bearer not-a-token", "Content-Type", "application/json"), "{\"items\":[]}").status());
        assertEquals(415, Http.send(BacklineOptions.PORT, "POST", "/api/permission/authorize",
                Map.of("Authorization", "Bearer " + Http.TOKEN, "Content-Type", "text/plain"), "{\"items\":[]}").status());

        // permission.enabled with no policy: denied, and the catalog keeps serving
        bundle(BacklineOptions.EXAMPLE_POLICY).stop();
        Await.get("nothing listed without a policy", "/api/catalog/entities", r -> r.isJson(200)
                && r.json().path("items").isEmpty());
        assertEquals(404, Http.get("/api/catalog/entities/by-name/component/" + component).status());

        bundle(BacklineOptions.EXAMPLE_POLICY).start();
        Await.get("the component readable again", "/api/catalog/entities/by-name/component/" + component, r -> r.isJson(200));
    }

    @Test
    public void aUsersTokenCarriesItsOwnershipRefsIntoUserInfo() throws Exception {
        String token = userToken("user:default/jane", List.of("user:default/jane", "group:default/team-a"));
        Http.Response me = Http.send(BacklineOptions.PORT, "GET", "/api/probe/whoami", Map.of("Authorization", "Bearer " + token), null);
        assertTrue(me.toString(), me.isJson(200));
        assertEquals("user:default/jane", me.json().path("userEntityRef").asText());
        assertEquals(List.of("user:default/jane", "group:default/team-a"), texts(me.json().path("ownershipEntityRefs")));

        Http.Response service = Http.getAuthorized("/api/probe/whoami");
        assertEquals(service.toString(), 400, service.status());
        assertEquals(service.toString(), "InputError", service.json().path("error").path("name").asText());
    }

    @Test
    public void theUrlReaderReadsWhatTheAllowListAllowsAndWhatAReaderServiceTakes() throws Exception {
        UrlReaderService reader = urlReader.get();
        assertNotNull(reader);
        String base = "http://127.0.0.1:" + BacklineOptions.PORT;
        UrlReaderReadUrlResponse entities = reader.readUrl(base + "/api/catalog/entities");
        assertTrue(JSON.readTree(entities.buffer()).has("items"));

        NotAllowedError refused = assertThrows(NotAllowedError.class, () -> reader.readUrl(base + "/api/example/hello"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("backend.reading.allow"));
        assertThrows(NotAllowedError.class, () -> reader.readUrl("itest://notes/greeting"));

        ServiceRegistration<UrlReaderProvider> provider = context.registerService(UrlReaderProvider.class, new UrlReaderProvider() {
            @Override
            public String name() {
                return "itest";
            }

            @Override
            public boolean canRead(URI url) {
                return "itest".equals(url.getScheme());
            }

            @Override
            public UrlReaderReadUrlResponse readUrl(URI url, UrlReaderReadUrlOptions options) {
                return new UrlReaderReadUrlResponse(("read " + url.getPath()).getBytes(StandardCharsets.UTF_8),
                        "\"1\"", Instant.EPOCH);
            }
        }, null);
        try {
            assertEquals("read /greeting", new String(reader.readUrl("itest://notes/greeting").buffer(), StandardCharsets.UTF_8));
        } finally {
            provider.unregister();
        }
        assertThrows(NotAllowedError.class, () -> reader.readUrl("itest://notes/greeting"));
    }

    @Test
    public void theSystemsPluginsAreThisBackendsWithoutDiscoveryEndpoints() {
        List<String> plugins = systemMetadata.get().getInstalledPlugins().stream()
                .map(RootSystemMetadataService.PluginInfo::pluginId).sorted().toList();
        assertTrue(plugins.toString(), plugins.containsAll(List.of("catalog", "events", "example", "permission", "probe")));
    }

    private static Http.Response storeEntity(String kind, String name) {
        return post("/api/catalog/entities", "{\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"owner\":\"itest\"}}");
    }

    private static Http.Response post(String path, String json) {
        return Http.send(BacklineOptions.PORT, "POST", path,
                Map.of("Authorization", "Bearer " + Http.TOKEN, "Content-Type", "application/json"), json);
    }

    private static Http.Response anonymousPost(String path, String json) {
        return Http.send(BacklineOptions.PORT, "POST", path, Map.of("Content-Type", "application/json"), json);
    }

    private static List<String> names(Http.Response page) throws Exception {
        assertTrue(page.toString(), page.isJson(200));
        List<String> names = new java.util.ArrayList<>();
        page.json().path("items").forEach(entity -> names.add(entity.path("metadata").path("name").asText()));
        return names;
    }

    private static String userToken(String subject, List<String> ent) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(userKey.getKeyID())
                .type(new JOSEObjectType("vnd.backstage.user")).build(),
                new JWTClaimsSet.Builder().subject(subject).issuer(USER_ISSUER).claim("ent", ent)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        token.sign(new ECDSASigner(userKey));
        return token.serialize();
    }
}
