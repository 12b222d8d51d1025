package dev.backline.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * The credentials barrier in front of plugin routes (spec §7), with a stand-in authentication service: the
 * token "good" is a service's, every other token is refused.
 */
class PluginAuthTest {

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    record Credentials(BackstagePrincipal principal) implements BackstageCredentials {
        @Override
        public Optional<Instant> expiresAt() {
            return Optional.empty();
        }
    }

    /** Bearer "good" is service 'tester'; no header is nobody; anything else is an illegal token. */
    static final HttpAuthService HTTP_AUTH = (request, allow) -> {
        String header = request.getHeader("Authorization");
        BackstageCredentials credentials = header == null ? new Credentials(new BackstagePrincipal.None())
                : header.equals("Bearer good") ? new Credentials(new BackstagePrincipal.Service("tester"))
                : null;
        if (credentials == null) {
            throw new AuthenticationError("Illegal token");
        }
        List<PrincipalType> allowed = Arrays.asList(allow);
        if (!allowed.isEmpty() && !allowed.contains(credentials.principal().type())) {
            if (credentials.principal().type() == PrincipalType.NONE) {
                throw new AuthenticationError("Missing credentials");
            }
            throw new NotAllowedError("This endpoint does not allow '" + credentials.principal().type() + "' credentials");
        }
        return credentials;
    };

    private static HttpServlet ok(String body) {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getOutputStream().write(body.getBytes());
            }
        };
    }

    private Backend start(Map<String, ?> config, boolean withAuth) {
        Backend.Builder builder = Backend.builder().logger(logger)
                .config(new DefaultRootConfigService(ConfigReader.of(config, "test")))
                .add(BackendPlugin.create("catalog", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/entities", ok("entities"));
                    deps.get(CoreServices.HTTP_ROUTER).use("/public", ok("public"));
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/public", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                })));
        if (withAuth) {
            builder.add(ServiceFactory.of(CoreServices.HTTP_AUTH).factory(deps -> HTTP_AUTH));
            builder.add(ServiceFactory.of(CoreServices.AUTH).factory(deps -> new KeysOnlyAuth()));
        }
        backend = builder.build();
        backend.start();
        return backend;
    }

    private HttpDoubles.Response send(String method, String uri, Map<String, String> headers) throws Exception {
        HttpDoubles.Response response = new HttpDoubles.Response();
        backend.httpDispatcher().service(HttpDoubles.request(method, uri, headers), response.proxy);
        return response;
    }

    private HttpDoubles.Response get(String uri) throws Exception {
        return send("GET", uri, Map.of());
    }

    private HttpDoubles.Response getWith(String uri, String token) throws Exception {
        return send("GET", uri, Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void everyPluginRouteNeedsCredentialsAndUnknownPathsAre401WithoutThem() throws Exception {
        start(Map.of(), true);

        HttpDoubles.Response missing = get("/api/catalog/entities");
        assertEquals(401, missing.status);
        assertEquals(Map.of("name", "AuthenticationError", "message", "Missing credentials"), missing.json().get("error"));
        assertEquals(401, get("/api/catalog/no-such-path").status, "paths cannot be probed without credentials");
        HttpDoubles.Response illegal = getWith("/api/catalog/entities", "forged");
        assertEquals(401, illegal.status);
        assertEquals("Illegal token", ((Map<?, ?>) illegal.json().get("error")).get("message"));

        assertEquals("entities", getWith("/api/catalog/entities", "good").text());
        assertEquals(404, getWith("/api/catalog/no-such-path", "good").status);
    }

    @Test
    void aPolicyOpensItsPathAndWhatIsBelowItOnly() throws Exception {
        start(Map.of(), true);

        assertEquals("public", get("/api/catalog/public").text());
        assertEquals(200, get("/api/catalog/public/more").status);
        assertEquals(401, get("/api/catalog/publicity").status, "a prefix by whole segments");
        assertEquals(401, get("/api/catalog/PUBLIC").status, "another letter case is another path");
    }

    @Test
    void thePublicKeysAreOpenToAnyone() throws Exception {
        start(Map.of(), true);

        HttpDoubles.Response keys = get("/api/catalog/.backstage/auth/v1/jwks.json");

        assertEquals(200, keys.status);
        assertEquals(Map.of("keys", List.of(Map.of("kty", "EC", "kid", "k1"))), keys.json());
    }

    @Test
    void withoutAnAuthenticationServiceTheBarrierFailsClosed() throws Exception {
        start(Map.of(), false);

        HttpDoubles.Response refused = get("/api/catalog/entities");

        assertEquals(503, refused.status);
        assertTrue(((Map<?, ?>) refused.json().get("error")).get("message").toString()
                .startsWith("No authentication service (core.httpAuth) is installed"));
        assertEquals("public", get("/api/catalog/public").text(), "opened paths need no authentication service");
    }

    @Test
    void dangerouslyDisablingTheDefaultPolicyOpensEverythingWithAWarning() throws Exception {
        start(Map.of("backend", Map.of("auth", Map.of("dangerouslyDisableDefaultAuthPolicy", true))), false);

        assertEquals("entities", get("/api/catalog/entities").text());
        assertTrue(logger.contains("backend.auth.dangerouslyDisableDefaultAuthPolicy is true: every plugin route answers"
                + " anyone, without credentials"), logger.messages().toString());
    }

    @Test
    void hostilePathsAreRefusedBeforeRoutingAndNeverReachAnotherPlugin() throws Exception {
        start(Map.of(), true);

        for (String path : List.of("/api/catalog/../example/hello", "/api/catalog/..%2fexample/hello",
                "/api/catalog/%2e%2e/example/hello", "/api/catalog/%2E%2E/example", "/api//catalog/entities",
                "/api/catalog;x=y/entities", "/api/catalog/entities;jsessionid=1", "/api/catalog/./entities",
                "/api/catalog%2fentities", "/api/catalog/..\\\\example", "/api/catalog/%5c..%5cexample",
                "/api/catalog/public/../entities", "/api/catalog/%00")) {
            HttpDoubles.Response response = getWith(path, "good");
            assertEquals(400, response.status, path);
            assertEquals("InputError", ((Map<?, ?>) response.json().get("error")).get("name"), path);
        }
    }

    @Test
    void aHandlerCannotBeMountedOutsideItsPluginsPrefix() {
        BackendPlugin escaping = BackendPlugin.create("escape", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER),
                deps -> deps.get(CoreServices.HTTP_ROUTER).use("/../catalog/entities", ok("hijacked"))));
        backend = Backend.builder().logger(logger).config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend",
                        Map.of("startup", Map.of("default", Map.of("onPluginBootFailure", "continue")))), "test")))
                .add(escaping).build();
        backend.start();

        String failure = backend.initializer().lastStartupResult().orElseThrow().plugin("escape").orElseThrow()
                .failure().orElseThrow().error().getMessage();
        assertEquals("Route path '/../catalog/entities' is not a plain path: the path contains a '..' segment", failure);
    }

    /** Publishes one key, does nothing else. */
    static final class KeysOnlyAuth implements AuthService {
        @Override
        public BackstageCredentials authenticate(String token) {
            throw new AuthenticationError("not in this test");
        }

        @Override
        public boolean isPrincipal(BackstageCredentials credentials, PrincipalType type) {
            return credentials.principal().type() == type;
        }

        @Override
        public BackstageCredentials getNoneCredentials() {
            return new Credentials(new BackstagePrincipal.None());
        }

        @Override
        public BackstageCredentials getOwnServiceCredentials() {
            return new Credentials(new BackstagePrincipal.Service("plugin:catalog"));
        }

        @Override
        public String getPluginRequestToken(BackstageCredentials onBehalfOf, String targetPluginId) {
            throw new UnsupportedOperationException("not in this test");
        }

        @Override
        public List<Map<String, Object>> listPublicServiceKeys() {
            return List.of(Map.of("kty", "EC", "kid", "k1"));
        }
    }
}
