package dev.backline.auth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import dev.backline.plugin.api.services.BackstageUserInfo;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import dev.backline.database.core.DatabaseManager;
import dev.backline.database.core.DatabaseServiceFactory;
import dev.backline.database.core.JdbcDrivers;
import dev.backline.database.core.MigrationResources;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.CoreServices;

/**
 * core.auth on real backends: tokens between plugins verified through the issuer's JWKS over real HTTP (a
 * JDK HTTP server serves each plugin's keys where discovery points), keys in H2 on disk shared by two
 * backend instances, external access by static token and by JWKS.
 */
class AuthServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final CapturingLogger logger = new CapturingLogger();
    private final List<Backend> backends = new ArrayList<>();
    private final List<DatabaseManager> managers = new ArrayList<>();
    /** What the JWKS server serves: plugin id to the backend instance whose keys it answers with. */
    private final Map<String, Backend> publishers = new HashMap<>();
    private final AtomicReference<String> externalJwks = new AtomicReference<>("{\"keys\":[]}");
    private HttpServer jwksServer;
    private String baseUrl;

    @BeforeEach
    void serveKeys() throws IOException {
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.equals("/external/jwks.json")) {
                body = externalJwks.get();
            } else {
                String pluginId = path.split("/")[2];
                Backend backend = publishers.get(pluginId);
                body = backend == null ? null
                        : JSON.writeValueAsString(Map.of("keys", backend.pluginService(pluginId, CoreServices.AUTH).listPublicServiceKeys()));
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        jwksServer.start();
        baseUrl = "http://127.0.0.1:" + jwksServer.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        backends.forEach(Backend::stop);
        managers.forEach(DatabaseManager::close);
        jwksServer.stop(0);
    }

    /** A backend with plugins 'caller' and 'receiver', its databases as H2 files in one directory (shared by instances). */
    private Backend backend(Clock clock, Map<String, ?> auth) {
        Map<String, Object> backend = new HashMap<>();
        backend.put("baseUrl", baseUrl);
        backend.put("database", Map.of("client", "h2", "connection", Map.of("directory", data.toString())));
        backend.put("auth", auth);
        JdbcDrivers drivers = new JdbcDrivers();
        drivers.add("org.h2.Driver", new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()));
        DatabaseManager manager = new DatabaseManager(drivers, MigrationResources.CLASS_PATH);
        managers.add(manager);
        Backend.Builder builder = Backend.builder().logger(logger)
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", backend), "test")))
                .add(DatabaseServiceFactory.create(manager))
                .add(BackendPlugin.create("caller", env -> env.registerInit(List.of(CoreServices.AUTH), deps -> { })))
                .add(BackendPlugin.create("receiver", env -> env.registerInit(List.of(CoreServices.AUTH), deps -> { })));
        AuthServiceFactories.create(clock).forEach(builder::add);
        Backend built = builder.build();
        built.start();
        backends.add(built);
        return built;
    }

    private Backend backend() {
        return backend(Clock.systemUTC(), Map.of());
    }

    private static AuthService auth(Backend backend, String pluginId) {
        return backend.pluginService(pluginId, CoreServices.AUTH);
    }

    private static String tokenFor(Backend backend, String issuer, String target) {
        AuthService auth = auth(backend, issuer);
        return auth.getPluginRequestToken(auth.getOwnServiceCredentials(), target);
    }

    @Test
    void aPluginTokenVerifiesAtItsTargetAsThePluginsServiceCredentials() {
        Backend backend = backend();
        publishers.put("caller", backend);

        BackstageCredentials credentials = auth(backend, "receiver").authenticate(tokenFor(backend, "caller", "receiver"));

        assertEquals(new BackstagePrincipal.Service("plugin:caller"), credentials.principal());
        Instant expires = credentials.expiresAt().orElseThrow();
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofMinutes(59))) && expires.isBefore(Instant.now().plus(Duration.ofMinutes(61))),
                expires.toString());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Backend backend = backend();
        publishers.put("caller", backend);

        AuthenticationError error = assertThrows(AuthenticationError.class,
                () -> auth(backend, "receiver").authenticate(tokenFor(backend, "caller", "someone-else")));

        assertEquals("Failed plugin token verification", error.getMessage());
    }

    @Test
    void anExpiredTokenIsRefused() {
        Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        Backend past = backend(twoHoursAgo, Map.of());
        publishers.put("caller", past);

        assertThrows(AuthenticationError.class, () -> auth(past, "receiver").authenticate(tokenFor(past, "caller", "receiver")));
    }

    @Test
    void aTamperedTokenIsRefused() {
        Backend backend = backend();
        publishers.put("caller", backend);
        String[] parts = tokenFor(backend, "caller", "receiver").split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"caller\",\"aud\":\"receiver\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":"
                        + Instant.now().plus(Duration.ofDays(30)).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));

        assertThrows(AuthenticationError.class,
                () -> auth(backend, "receiver").authenticate(parts[0] + "." + forgedClaims + "." + parts[2]));
    }

    @Test
    void aTokenSignedWithAKeyTheIssuerDoesNotPublishIsRefused() throws Exception {
        Backend backend = backend();
        publishers.put("caller", backend);
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("vnd.backstage.plugin"))
                .keyID(stranger.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("caller").audience("receiver").issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        forged.sign(new ECDSASigner(stranger));

        assertThrows(AuthenticationError.class, () -> auth(backend, "receiver").authenticate(forged.serialize()));
    }

    @Test
    void afterARotationBothKeysArePublishedAndTokensOfEachVerify() {
        MutableClock clock = new MutableClock(Instant.now());
        Backend backend = backend(clock, Map.of());
        publishers.put("caller", backend);
        String before = tokenFor(backend, "caller", "receiver");

        clock.advance(AuthServiceFactories.KEY_DURATION.plusMinutes(1));
        String after = tokenFor(backend, "caller", "receiver");

        List<Map<String, Object>> keys = auth(backend, "caller").listPublicServiceKeys();
        assertEquals(2, keys.size(), keys.toString());
        assertNotEquals(keys.get(0).get("kid"), keys.get(1).get("kid"));
        assertTrue(keys.stream().noneMatch(key -> key.containsKey("d")), "no private part is ever published");
        assertEquals(new BackstagePrincipal.Service("plugin:caller"), auth(backend, "receiver").authenticate(after).principal());
        clock.advance(Duration.ofMinutes(-61)); // the verifier checks expiry against real time; the old token is still current
        assertEquals(new BackstagePrincipal.Service("plugin:caller"), auth(backend, "receiver").authenticate(before).principal());
    }

    @Test
    void instancesSharingADatabaseVerifyEachOthersTokens() {
        Backend first = backend();
        Backend second = backend();
        String fromFirst = tokenFor(first, "caller", "receiver");
        publishers.put("caller", second); // the second instance answers the JWKS request

        assertEquals(new BackstagePrincipal.Service("plugin:caller"), auth(second, "receiver").authenticate(fromFirst).principal());
    }

    @Test
    void aStaticTokenIsItsSubjectAndMayBeLimitedToSomePlugins() {
        Backend backend = backend(Clock.systemUTC(), Map.of("externalAccess", List.of(
                Map.of("type", "static", "options", Map.of("token", "open-sesame-1", "subject", "ci-bot")),
                Map.of("type", "static", "options", Map.of("token", "only-caller-2", "subject", "caller-bot"),
                        "accessRestrictions", List.of(Map.of("plugin", "caller"))))));

        assertEquals(new BackstagePrincipal.Service("ci-bot"), auth(backend, "receiver").authenticate("open-sesame-1").principal());
        assertEquals(new BackstagePrincipal.Service("caller-bot", Optional.of(Set.of("caller"))),
                auth(backend, "caller").authenticate("only-caller-2").principal());
        NotAllowedError restricted = assertThrows(NotAllowedError.class, () -> auth(backend, "receiver").authenticate("only-caller-2"));
        assertEquals("This token's access is restricted to plugin(s) 'caller'", restricted.getMessage());
        AuthenticationError wrong = assertThrows(AuthenticationError.class, () -> auth(backend, "receiver").authenticate("open-sesame-2"));
        assertEquals("Illegal token", wrong.getMessage());

        BackstageCredentials limited = auth(backend, "caller").authenticate("only-caller-2");
        assertThrows(NotAllowedError.class, () -> auth(backend, "caller").getPluginRequestToken(limited, "receiver"),
                "a restricted caller cannot reach further plugins through this one");
    }

    @Test
    void aJwksCallerIsAnExternalSubjectWhenIssuerAndAudienceMatch() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("ext-1").generate();
        externalJwks.set(new JWKSet(key.toPublicJWK()).toString());
        Backend backend = backend(Clock.systemUTC(), Map.of("externalAccess", List.of(Map.of("type", "jwks", "options", Map.of(
                "url", baseUrl + "/external/jwks.json", "issuer", "https://idp.example", "audience", "backline",
                "subjectPrefix", "idp")))));

        assertEquals(new BackstagePrincipal.Service("external:idp:robot"),
                auth(backend, "receiver").authenticate(externalToken(key, "https://idp.example", "backline")).principal());
        assertThrows(AuthenticationError.class,
                () -> auth(backend, "receiver").authenticate(externalToken(key, "https://idp.example", "someone-else")));
        assertThrows(AuthenticationError.class,
                () -> auth(backend, "receiver").authenticate(externalToken(key, "https://evil.example", "backline")));
    }

    private static String externalToken(RSAKey key, String issuer, String audience) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("robot").issuer(issuer).audience(audience)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    @Test
    void aUserTokenIsTheUsersCredentialsAndUserInfoHasItsOwnershipRefs() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("users-1").generate();
        externalJwks.set(new JWKSet(key.toPublicJWK()).toString());
        Backend backend = backend(Clock.systemUTC(), Map.of("userTokens", Map.of(
                "url", baseUrl + "/external/jwks.json", "issuer", "https://idp.example")));
        String token = userToken(key, "vnd.backstage.user", "user:default/jane", List.of("user:default/jane", "group:default/team-a"));

        BackstageCredentials credentials = auth(backend, "receiver").authenticate(token);

        assertEquals(new BackstagePrincipal.User("user:default/jane"), credentials.principal());
        assertEquals(new BackstageUserInfo("user:default/jane", List.of("user:default/jane", "group:default/team-a")),
                backend.pluginService("receiver", CoreServices.USER_INFO).getUserInfo(credentials));
        assertFalse(credentials.toString().contains(token), "the token stays out of log lines");
        assertEquals(token, auth(backend, "receiver").getPluginRequestToken(credentials, "caller"),
                "a call on the user's behalf carries the user's token");
        assertEquals(credentials.principal(), auth(backend, "caller")
                .authenticate(auth(backend, "receiver").getPluginRequestToken(credentials, "caller")).principal());
    }

    @Test
    void onlyUserTypedTokensOfAUserRefFromTheIssuerAreUsers() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("users-2").generate();
        externalJwks.set(new JWKSet(key.toPublicJWK()).toString());
        Backend backend = backend(Clock.systemUTC(), Map.of("userTokens", Map.of(
                "url", baseUrl + "/external/jwks.json", "issuer", "https://idp.example")));
        AuthService auth = auth(backend, "receiver");

        assertThrows(AuthenticationError.class, () -> auth.authenticate(userToken(key, "JWT", "user:default/jane", null)),
                "a token not typed as a user's");
        assertThrows(AuthenticationError.class, () -> auth.authenticate(userToken(key, "vnd.backstage.user", "jane", null)),
                "a subject that is not a user entity ref");
        String noEnt = userToken(key, "vnd.backstage.user", "user:default/joe", null);
        assertEquals(List.of("user:default/joe"),
                backend.pluginService("receiver", CoreServices.USER_INFO).getUserInfo(auth.authenticate(noEnt)).ownershipEntityRefs(),
                "without ent the user owns through itself");
        InputError notAUser = assertThrows(InputError.class, () -> backend.pluginService("receiver", CoreServices.USER_INFO)
                .getUserInfo(auth.getOwnServiceCredentials()));
        assertEquals("User info is only available for a user's credentials, got 'service' credentials", notAUser.getMessage());
    }

    @Test
    void whenTheUsersKeysCannotBeReadAUserTokenIsUnavailableAndOtherTokensStillWork() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("users-4").generate();
        Backend backend = backend(Clock.systemUTC(), Map.of(
                "userTokens", Map.of("url", baseUrl + "/nowhere/jwks.json"),
                "externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", "static-token-1", "subject", "ci")))));
        AuthService auth = auth(backend, "receiver");

        ServiceUnavailableError unavailable = assertThrows(ServiceUnavailableError.class,
                () -> auth.authenticate(userToken(key, "vnd.backstage.user", "user:default/jane", null)));
        assertTrue(unavailable.getMessage().startsWith("The keys of users' tokens at 'backend.auth.userTokens.url' could not"
                + " be read"), unavailable.getMessage());
        assertEquals(new BackstagePrincipal.Service("ci"), auth.authenticate("static-token-1").principal());
    }

    @Test
    void userTokensOfKeysTheIssuerDoesNotPublishAreIllegalEachTimeNotAnOutage() throws Exception {
        RSAKey published = new RSAKeyGenerator(2048).keyID("users-5").generate();
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("users-unknown").generate();
        externalJwks.set(new JWKSet(published.toPublicJWK()).toString());
        Backend backend = backend(Clock.systemUTC(), Map.of("userTokens", Map.of(
                "url", baseUrl + "/external/jwks.json", "issuer", "https://idp.example")));
        AuthService auth = auth(backend, "receiver");

        // the second ask for the unknown key falls within the key source's refetch limit
        for (int i = 0; i < 3; i++) {
            assertThrows(AuthenticationError.class,
                    () -> auth.authenticate(userToken(unknown, "vnd.backstage.user", "user:default/mallory", null)));
        }
        assertEquals(new BackstagePrincipal.User("user:default/jane"),
                auth.authenticate(userToken(published, "vnd.backstage.user", "user:default/jane", null)).principal());
    }

    @Test
    void withoutUserTokensConfiguredAUserTokenIsIllegal() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("users-3").generate();
        externalJwks.set(new JWKSet(key.toPublicJWK()).toString());
        Backend backend = backend();

        assertThrows(AuthenticationError.class, () -> auth(backend, "receiver")
                .authenticate(userToken(key, "vnd.backstage.user", "user:default/jane", null)));
    }

    private static String userToken(RSAKey key, String type, String subject, List<String> ent) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://idp.example")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        if (ent != null) {
            claims.claim("ent", ent);
        }
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(new JOSEObjectType(type)).build(), claims.build());
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    @Test
    void anInvalidExternalAccessEntryFailsThePluginsUsingAuthNamingTheKey() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> backend(Clock.systemUTC(), Map.of("externalAccess",
                List.of(Map.of("type", "static", "options", Map.of("token", "short", "subject", "x"))))));

        assertTrue(error.getMessage().contains("Illegal token at 'backend.auth.externalAccess[0].options.token': it must be at"
                + " least 8 characters long"), error.getMessage());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
