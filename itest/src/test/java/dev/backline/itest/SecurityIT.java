package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;

/**
 * Secure by default, over real HTTP: the credentials barrier and the policies that open paths, static and
 * JWKS external callers, a plugin calling another with a service token, hostile paths, and the HTTP edge
 * (body limit and type, slow clients, Jetty's own errors as JSON).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends BacklineTestSupport {

    /** A static token that may call the catalog only (src/test/resources via {@link #config()}). */
    static final String CATALOG_ONLY_TOKEN = "itest-catalog-only-token-0123456789";
    static final String JWKS_ISSUER = "https://issuer.itest";
    static final String JWKS_AUDIENCE = "backline-itest";
    /** The body time-out of this class's backend: short, so that a slow client's 408 is seen quickly. */
    static final int BODY_TIMEOUT_SECONDS = 3;

    /** One key for the class: the backend caches the issuer's keys by key id. */
    private static ECKey signingKey;
    private ServiceRegistration<BackendPlugin> vault;
    /**
     * Requests without credentials that reached /secret's handler, counted by whichever vault serves: the previous
     * test's may still serve while this test's starts.
     */
    private static final AtomicInteger secretHits = new AtomicInteger();

    @Override
    @Configuration
    public Option[] config() {
        File extra;
        try {
            extra = File.createTempFile("security-it", ".yaml");
            extra.deleteOnExit();
            Files.writeString(extra.toPath(), String.join("\n",
                    "backend:",
                    "  server:",
                    "    requestBodyTimeout: " + BODY_TIMEOUT_SECONDS + "s",
                    "  auth:",
                    "    externalAccess:",
                    "      - type: static",
                    "        options:",
                    "          token: " + Http.TOKEN,
                    "          subject: itest",
                    "      - type: static",
                    "        options:",
                    "          token: " + CATALOG_ONLY_TOKEN,
                    "          subject: catalog-only",
                    "        accessRestrictions:",
                    "          - plugin: catalog",
                    "      - type: jwks",
                    "        options:",
                    "          url: http://127.0.0.1:" + BacklineOptions.PORT + "/api/vault/jwks.json",
                    "          issuer: " + JWKS_ISSUER,
                    "          audience: " + JWKS_AUDIENCE,
                    "          algorithm: ES256",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BacklineOptions.base(BacklineOptions.configFile() + "," + extra.getAbsolutePath());
    }

    @Before
    public void registerVault() throws Exception {
        if (signingKey == null) {
            signingKey = new ECKeyGenerator(Curve.P_256).keyID("itest-key").generate();
        }
        byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        // 'vault': /secret needs credentials and counts who got in without; /public is open to anyone; /jwks.json
        // plays the external issuer whose keys backend.auth.externalAccess names.
        vault = context.registerService(BackendPlugin.class, BackendPlugin.create("vault", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/jwks.json", new HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                            resp.setContentType("application/json");
                            resp.getOutputStream().write(jwks);
                        }
                    });
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/jwks.json", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                    deps.get(CoreServices.HTTP_ROUTER).use("/secret", new HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                            if (req.getHeader("Authorization") == null) {
                                secretHits.incrementAndGet();
                            }
                            resp.setContentType("application/json");
                            resp.getWriter().write("{\"secret\":true}");
                        }
                    });
                    deps.get(CoreServices.HTTP_ROUTER).use("/public", new HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                            resp.setContentType("application/json");
                            resp.getWriter().write("{\"public\":true}");
                        }
                    });
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/public", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                })), null);
        Await.get("/api/vault/public to serve", "/api/vault/public", r -> r.isJson(200));
        secretHits.set(0);
    }

    @After
    public void unregisterVault() {
        if (vault != null) {
            vault.unregister();
        }
    }

    @Test
    public void everyPluginPathNeedsCredentialsUnlessThePluginOpenedIt() {
        Http.Response anonymous = Http.get("/api/catalog/nope");
        assertError(anonymous, 401, "AuthenticationError", "Missing credentials");
        assertError(Http.getAuthorized("/api/catalog/nope"), 404, "NotFoundError", "No handler for GET /api/catalog/nope");
        assertError(Http.get("/api/vault/secret"), 401, "AuthenticationError", "Missing credentials");
        assertEquals(200, Http.getAuthorized("/api/vault/secret").status());
        assertEquals("opened by the plugin", 200, Http.get("/api/vault/public").status());
        assertEquals("a policy opens its path, not a sibling that starts alike", 401, Http.get("/api/vault/publicity").status());
        Http.Response forged = get("/api/vault/secret", "Bearer not-a-token");
        assertEquals(forged.toString(), 401, forged.status());
        assertEquals(forged.toString(), "AuthenticationError", forged.json().path("error").path("name").asText());
        Http.Response post = Http.send(BacklineOptions.PORT, "POST", "/api/catalog/entities",
                Map.of("Content-Type", "application/json"), "{\"kind\":\"Component\",\"metadata\":{\"name\":\"x\"}}");
        assertError(post, 401, "AuthenticationError", "Missing credentials");
        Http.Response jwks = Http.get("/api/example/.backstage/auth/v1/jwks.json");
        assertTrue("the keys that verify a plugin's tokens are public: " + jwks, jwks.isJson(200) && jwks.json().path("keys").isArray());
    }

    @Test
    public void aStaticTokenLimitedToTheCatalogIsRefusedByOtherPlugins() {
        Http.Response inCatalog = get("/api/catalog/nope", "Bearer " + CATALOG_ONLY_TOKEN);
        assertEquals(inCatalog.toString(), 404, inCatalog.status());
        Http.Response elsewhere = get("/api/vault/secret", "Bearer " + CATALOG_ONLY_TOKEN);
        assertEquals(elsewhere.toString(), 403, elsewhere.status());
        assertEquals(elsewhere.toString(), "NotAllowedError", elsewhere.json().path("error").path("name").asText());
    }

    @Test
    public void aJwksCallerGetsInWithTheRightIssuerAudienceAndKeyOnly() throws Exception {
        assertEquals(404, get("/api/catalog/nope", "Bearer " + jwt(JWKS_ISSUER, JWKS_AUDIENCE, signingKey, 60)).status());
        assertEquals(200, get("/api/vault/secret", "Bearer " + jwt(JWKS_ISSUER, JWKS_AUDIENCE, signingKey, 60)).status());
        assertEquals("wrong audience", 401, get("/api/vault/secret", "Bearer " + jwt(JWKS_ISSUER, "someone-else", signingKey, 60)).status());
        assertEquals("wrong issuer", 401, get("/api/vault/secret", "Bearer " + jwt("https://evil", JWKS_AUDIENCE, signingKey, 60)).status());
        assertEquals("expired", 401, get("/api/vault/secret", "Bearer " + jwt(JWKS_ISSUER, JWKS_AUDIENCE, signingKey, -120)).status());
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("itest-key").generate();
        assertEquals("signed by a key the issuer does not publish", 401,
                get("/api/vault/secret", "Bearer " + jwt(JWKS_ISSUER, JWKS_AUDIENCE, stranger, 60)).status());
        String good = jwt(JWKS_ISSUER, JWKS_AUDIENCE, signingKey, 60);
        String tampered = good.substring(0, good.lastIndexOf('.') - 4) + "AAAA" + good.substring(good.lastIndexOf('.'));
        assertEquals("tampered", 401, get("/api/vault/secret", "Bearer " + tampered).status());
    }

    @Test
    public void theExamplePluginCallsTheCatalogWithAServiceToken() {
        Http.Response published = Http.post("/api/example/examples/publish", "");
        assertEquals(published.toString(), 200, published.status());
        JsonNode result = published.json().path("results").get(0);
        assertEquals(published.toString(), "hello", result.path("name").asText());
        assertEquals(published.toString(), 201, result.path("status").asInt());
        Http.Response entities = Http.get("/api/catalog/entities?limit=1000");
        List<String> names = new ArrayList<>();
        entities.json().path("items").forEach(e -> names.add(e.path("metadata").path("name").asText()));
        assertTrue(entities.toString(), names.contains("hello"));
        Http.Response anonymous = Http.send(BacklineOptions.PORT, "POST", "/api/example/examples/publish", Map.of(), null);
        assertEquals("publishing is not opened with the list", 401, anonymous.status());
    }

    /**
     * Paths that try to reach vault's protected /secret from its open /public (or from another plugin):
     * each is refused, with or without credentials, and /secret's handler never runs.
     */
    @Test
    public void hostilePathsNeverReachAProtectedHandlerOrAnotherPlugins() {
        List<String> hostile = HostilePaths.toward("vault", "public", "secret", "example", "hello");
        for (String path : hostile) {
            for (String authorization : new String[] {null, "Bearer " + Http.TOKEN}) {
                RawHttp raw = RawHttp.get(BacklineOptions.PORT, path, authorization);
                boolean refused = raw.status() == 400 || raw.status() == 401 || raw.status() == 404;
                // A trailing slash is the same path to the plugin; with credentials it may be served.
                boolean servedToCaller = authorization != null && path.equals("/api/vault/secret/") && raw.status() == 200;
                assertTrue(path + (authorization == null ? "" : " (with credentials)") + " -> " + raw, refused || servedToCaller);
                assertTrue(path + " -> not a JSON error body: " + raw, servedToCaller || raw.body().startsWith("{\"error\":"));
                if (authorization == null) {
                    assertEquals(path + " reached /secret without credentials", 0, secretHits.get());
                }
            }
        }
    }

    @Test
    public void bodiesAreLimitedInSizeAndTypeBeforeAnyHandlerRuns() {
        // A raw socket: the server answers 413 from the declared length and closes while the body is still being sent,
        // which an HTTP client library may report as a broken pipe instead of the answer.
        RawHttp tooLarge = RawHttp.sized(BacklineOptions.PORT, "/api/catalog/entities", "Bearer " + Http.TOKEN, 6 * 1024 * 1024);
        assertEquals("declared length over the limit: " + tooLarge, 413, tooLarge.status());
        assertTrue(tooLarge.body(), tooLarge.body().contains("\"name\":\"PayloadTooLargeError\"")
                && tooLarge.body().contains("The request body is larger than 5242880 bytes (backend.server.maxBodySize)"));
        RawHttp chunked = RawHttp.chunked(BacklineOptions.PORT, "/api/catalog/entities", "Bearer " + Http.TOKEN, 6 * 1024 * 1024);
        assertEquals("no declared length, over the limit as it arrives: " + chunked, 413, chunked.status());
        Http.Response plain = Http.send(BacklineOptions.PORT, "POST", "/api/catalog/entities",
                Map.of("Authorization", "Bearer " + Http.TOKEN, "Content-Type", "text/plain"),
                "{\"kind\":\"Component\",\"metadata\":{\"name\":\"from-a-form\"},\"spec\":{\"owner\":\"x\"}}");
        assertEquals(plain.toString(), 415, plain.status());
        assertEquals(plain.toString(), "UnsupportedMediaTypeError", plain.json().path("error").path("name").asText());
    }

    @Test
    public void slowClientsDoNotStarveTheOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), BacklineOptions.PORT);
                socket.getOutputStream().write(("POST /api/catalog/entities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + Http.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int i = 0; i < 20; i++) {
                Http.Response hello = Http.get(HELLO);
                assertEquals("request " + i + " while 250 clients send their bodies slowly: " + hello, 200, hello.status());
            }
            Socket first = slow.get(0);
            first.setSoTimeout((int) Duration.ofSeconds(BODY_TIMEOUT_SECONDS + 10).toMillis());
            String answer = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 408 "));
            assertTrue(answer, answer.contains("\"name\":\"RequestTimeoutError\""));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    public void errorsTheServerAnswersItselfAreJsonWithoutInternals() {
        RawHttp headers = RawHttp.get(BacklineOptions.PORT, "/api/example/hello", null, "X-Big: " + "a".repeat(20_000));
        assertEquals(headers.toString(), 431, headers.status());
        assertTrue(headers.toString(), headers.body().startsWith("{\"error\":{\"name\":\"RequestHeaderFieldsTooLargeError\""));
        RawHttp ambiguous = RawHttp.get(BacklineOptions.PORT, "/api/example/..%2fcatalog", null);
        assertEquals(ambiguous.toString(), 400, ambiguous.status());
        assertTrue(ambiguous.toString(), ambiguous.body().startsWith("{\"error\":{\"name\":\"InputError\""));
        Http.Response trace = Http.send(BacklineOptions.PORT, "TRACE", "/api/example/hello", Map.of("Authorization", "Bearer " + Http.TOKEN), null);
        assertEquals(trace.toString(), 405, trace.status());
        assertTrue("TRACE echoes nothing: " + trace, !trace.body().contains(Http.TOKEN));
        for (RawHttp raw : List.of(headers, ambiguous)) {
            assertTrue(raw.toString(), raw.headers().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"));
            assertTrue("no stack trace: " + raw, !raw.body().contains("at org.") && !raw.body().contains("Exception"));
        }
    }

    private static Http.Response get(String path, String authorization) {
        return Http.send(BacklineOptions.PORT, "GET", path, Map.of("Authorization", authorization), null);
    }

    private static void assertError(Http.Response response, int status, String name, String message) {
        assertEquals(response.toString(), status, response.status());
        assertEquals(response.toString(), name, response.json().path("error").path("name").asText());
        assertEquals(response.toString(), message, response.json().path("error").path("message").asText());
    }

    private static String jwt(String issuer, String audience, ECKey key, long validSeconds) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("robot")
                        .issueTime(Date.from(now.minusSeconds(Math.max(0, -validSeconds) + 5)))
                        .expirationTime(Date.from(now.plusSeconds(validSeconds))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
