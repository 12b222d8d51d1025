package dev.backline.permissions.core;

import static dev.backline.permissions.core.PermissionsTest.ENTITIES;
import static dev.backline.permissions.core.PermissionsTest.ENTITY;
import static dev.backline.permissions.core.PermissionsTest.ENTITY_CREATE;
import static dev.backline.permissions.core.PermissionsTest.ENTITY_READ;
import static dev.backline.permissions.core.PermissionsTest.IS_ENTITY_KIND;
import static dev.backline.permissions.core.PermissionsTest.JANE;
import static dev.backline.permissions.core.PermissionsTest.NOBODY;
import static dev.backline.permissions.core.PermissionsTest.NO_SECRETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.permission.AuthorizePermissionRequest;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.QueryPermissionRequest;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.BackstageUserInfo;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.PermissionsService;
import dev.backline.plugin.api.services.PrincipalType;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/**
 * A backend whose {@code discovery.endpoints} routes the permission plugin to another backend asks that backend's
 * policy over HTTP, as Backstage's permission client does, and checks conditions about its own resources itself. The
 * other backend is the permission plugin's own endpoint logic behind a plain HTTP server; this backend has no policy.
 */
class RemotePolicyTest {

    private final CapturingLogger logs = new CapturingLogger(LogLevel.DEBUG);
    private final PermissionsTest.RecordingPolicy centralPolicy = new PermissionsTest.RecordingPolicy(
            name -> name.equals(ENTITY_READ.name()) ? NO_SECRETS : PolicyDecision.deny());
    /** The Authorization header of each request the central backend received ("-" for none). */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer central;
    private Backend backend;
    private PermissionsService permissions;

    @BeforeEach
    void start() throws IOException {
        PermissionResource endpoint = new PermissionResource(new PermissionSystem(PolicySource.of(centralPolicy))
                .forEndpoint(true, new CapturingLogger(), null), (request, allow) -> {
                    throw new AssertionError("not over a servlet request");
                });
        central = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        central.createContext("/api/permission/authorize", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "-" : authorization);
            BackstageCredentials caller = "Bearer jane-for-permission".equals(authorization) ? JANE : NOBODY;
            byte[] answer = endpoint.authorize(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    caller).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        central.start();

        PermissionSystem local = new PermissionSystem(PolicySource.of(null));
        Backend.Builder builder = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of(
                        "permission", Map.of("enabled", true),
                        "discovery", Map.of("endpoints", List.of(Map.of(
                                "target", "http://127.0.0.1:" + central.getAddress().getPort() + "/api/{{pluginId}}",
                                "plugins", List.of("permission"))))), "test")))
                .logger(logs)
                .add(ServiceFactory.of(CoreServices.USER_INFO).factory(deps -> credentials -> new BackstageUserInfo(
                        ((BackstagePrincipal.User) credentials.principal()).userEntityRef(), List.of())))
                .add(ServiceFactory.of(CoreServices.AUTH).factory(deps -> new TokenPerUser()))
                .add(BackendPlugin.create("catalog", env -> env.registerInit(
                        List.of(CoreServices.PERMISSIONS, CoreServices.PERMISSIONS_REGISTRY), deps -> {
                            deps.get(CoreServices.PERMISSIONS_REGISTRY).addResourceType(ENTITY, List.of(ENTITY_READ),
                                    List.of(IS_ENTITY_KIND), refs -> refs.stream().filter(ENTITIES::containsKey)
                                            .collect(Collectors.toMap(ref -> ref, ENTITIES::get)));
                            permissions = deps.get(CoreServices.PERMISSIONS);
                        })));
        local.serviceFactories().forEach(builder::add);
        backend = builder.build();
        backend.start();
    }

    @AfterEach
    void stop() {
        backend.stop();
        central.stop(0);
    }

    @Test
    void theRemotePolicyDecidesAndConditionsAboutOneResourceAreCheckedHere() {
        List<PolicyDecision.Definitive> decisions = permissions.authorize(List.of(
                AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web"),
                AuthorizePermissionRequest.of(ENTITY_READ, "secret:default/db-password"),
                AuthorizePermissionRequest.of(ENTITY_CREATE)), JANE);

        assertEquals(List.of(PolicyDecision.allow(), PolicyDecision.deny(), PolicyDecision.deny()), decisions);
        assertEquals(List.of(ENTITY_READ.name(), ENTITY_READ.name(), ENTITY_CREATE.name()), centralPolicy.asked);
        assertEquals(List.of("Bearer jane-for-permission"), authorizations, "one request, with the user's token");
        assertEquals(Optional.of(JANE.principal()), centralPolicy.users.get(0).map(user -> user.credentials().principal()));
    }

    @Test
    void conditionsForAQueryComeBackAsThePolicyGaveThemAndNobodyAsksWithoutAToken() {
        PolicyDecision decision = permissions.authorizeConditional(List.of(QueryPermissionRequest.of(ENTITY_READ)), NOBODY)
                .get(0);

        assertEquals(NO_SECRETS, decision);
        assertEquals(List.of("-"), authorizations);
        assertEquals(Optional.empty(), centralPolicy.users.get(0), "the policy decided for nobody");
    }

    @Test
    void whenTheRemotePolicyCannotBeAskedEverythingIsDeniedAndTheLogNamesWhere() {
        central.stop(0);

        assertEquals(List.of(PolicyDecision.deny()), permissions.authorize(
                List.of(AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web")), JANE));
        String url = "http://127.0.0.1:" + central.getAddress().getPort() + "/api/permission/authorize";
        assertTrue(logs.lines(LogLevel.ERROR).stream().anyMatch(line -> line.message().contains(
                "Permissions [catalog.entity.read] are denied: the remote permission policy could not be asked")
                && String.valueOf(line.message()).contains(url)), logs.messages().toString());
    }

    /** core.auth as far as the remote policy needs it: a token for the permission plugin on a user's behalf. */
    static final class TokenPerUser implements AuthService {
        @Override
        public String getPluginRequestToken(BackstageCredentials onBehalfOf, String targetPluginId) {
            assertEquals("permission", targetPluginId);
            return "jane-for-permission";
        }

        @Override
        public BackstageCredentials authenticate(String token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isPrincipal(BackstageCredentials credentials, PrincipalType type) {
            return credentials.principal().type() == type;
        }

        @Override
        public BackstageCredentials getNoneCredentials() {
            return NOBODY;
        }

        @Override
        public BackstageCredentials getOwnServiceCredentials() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> listPublicServiceKeys() {
            return new ArrayList<>();
        }
    }
}
