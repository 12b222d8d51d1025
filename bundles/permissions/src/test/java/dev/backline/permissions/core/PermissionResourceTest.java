package dev.backline.permissions.core;

import static dev.backline.permissions.core.PermissionsTest.ENTITIES;
import static dev.backline.permissions.core.PermissionsTest.IS_ENTITY_KIND;
import static dev.backline.permissions.core.PermissionsTest.JANE;
import static dev.backline.permissions.core.PermissionsTest.NO_SECRETS;
import static dev.backline.permissions.core.PermissionsTest.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.PolicyQueryUser;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.PrincipalType;
import dev.backline.runtime.logging.CapturingLogger;

/** {@code POST /api/permission/authorize}: Backstage's JSON in and out, and the 400s that name the item and field. */
class PermissionResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CapturingLogger logs = new CapturingLogger(LogLevel.DEBUG);
    private final PermissionsTest.RecordingPolicy policy = new PermissionsTest.RecordingPolicy(name -> switch (name) {
        case "catalog.entity.read" -> NO_SECRETS;
        case "catalog.entity.create" -> PolicyDecision.deny();
        default -> PolicyDecision.allow();
    });
    private final PermissionResource resource;

    PermissionResourceTest() {
        PermissionSystem system = new PermissionSystem(PolicySource.of(policy));
        system.store().addResourceType("catalog", "catalog-entity", List.of(), List.of(IS_ENTITY_KIND),
                refs -> refs.stream().filter(ENTITIES::containsKey).collect(Collectors.toMap(ref -> ref, ENTITIES::get)));
        PluginPermissions permissions = system.forEndpoint(true, logs.child(Map.of("plugin", "permission")), null);
        // the barrier let the request in; the resource asks for a user's or a service's credentials
        resource = new PermissionResource(permissions, (request, allow) -> {
            assertEquals(List.of(PrincipalType.USER, PrincipalType.SERVICE, PrincipalType.NONE), List.of(allow));
            return JANE;
        });
    }

    /** One item of a request: {@code permission} and, unless null, {@code resourceRef}. */
    private static Map<String, Object> item(String id, Map<String, ?> permission, Object resourceRef) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("permission", permission);
        if (resourceRef != null) {
            item.put("resourceRef", resourceRef);
        }
        return item;
    }

    private static String body(Object... items) {
        try {
            return JSON.writeValueAsString(Map.of("items", List.of(items)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static final Map<String, ?> READ = Map.of("type", "resource", "name", "catalog.entity.read",
            "attributes", Map.of("action", "read"), "resourceType", "catalog-entity");
    private static final Map<String, ?> CREATE = Map.of("type", "basic", "name", "catalog.entity.create",
            "attributes", Map.of("action", "create"));

    @Test
    void answersEachItemByIdWithConditionsForAQueryAndChecksThemForAResource() throws Exception {
        String body = body(item("1", CREATE, null), item("2", READ, "component:default/web"),
                item("3", READ, "secret:default/db-password"), item("4", READ, null),
                item("5", Map.of("type", "basic", "name", "search.query", "attributes", Map.of()), null));
        JsonNode response = JSON.readTree(resource.authorize(body, (jakarta.servlet.http.HttpServletRequest) null));
        JsonNode expected = JSON.readTree("""
                {"items": [
                  {"id": "1", "result": "DENY"},
                  {"id": "2", "result": "ALLOW"},
                  {"id": "3", "result": "DENY"},
                  {"id": "4", "result": "CONDITIONAL", "pluginId": "catalog", "resourceType": "catalog-entity",
                   "conditions": {"not": {"rule": "IS_ENTITY_KIND", "resourceType": "catalog-entity",
                                          "params": {"kinds": ["Secret"]}}}},
                  {"id": "5", "result": "ALLOW"}
                ]}""");
        assertEquals(expected, response);
        assertEquals(List.of("catalog.entity.create", "catalog.entity.read", "catalog.entity.read", "catalog.entity.read",
                "search.query"), policy.asked);
    }

    @Test
    void asksThePolicyAboutServicesToo() throws Exception {
        JsonNode response = JSON.readTree(resource.authorize(body(item("a", CREATE, null)), SERVICE));
        assertEquals("DENY", response.at("/items/0/result").asText());
        PolicyQueryUser user = policy.users.get(0).orElseThrow();
        assertEquals(SERVICE, user.credentials());
        assertEquals(Optional.empty(), user.info());
    }

    @Test
    void anInvalidBodyIs400NamingTheItemAndField() {
        assertEquals("The request body is not JSON: Unexpected character ('i' (code 105)): was expecting double-quote"
                + " to start field name", refused("{items: []}"));
        assertEquals("The request body must be an object with an 'items' array", refused("{\"entries\":[]}"));
        assertEquals("The request body must be an object with an 'items' array", refused(""));
        assertEquals("Item 1 needs an 'id' string", refused(body(item("a", CREATE, null), Map.of("permission", CREATE))));
        assertEquals("Item 0 must be an object", refused(body(42)));
        assertEquals("Item 'x' needs a 'permission' object", refused(body(Map.of("id", "x"))));
        assertEquals("Item 'x': permission.type must be 'basic' or 'resource', not 'policy'",
                refused(body(item("x", Map.of("type", "policy", "name", "a"), null))));
        assertEquals("Item 'x' needs a non-empty string at permission.name",
                refused(body(item("x", Map.of("type", "basic"), null))));
        assertEquals("Item 'x' needs a non-empty string at permission.resourceType", refused(body(item("x",
                Map.of("type", "resource", "name", "catalog.entity.read"), "component:default/web"))));
        assertEquals("Item 'x': resourceRef is only for resource permissions, and 'catalog.entity.create' is basic",
                refused(body(item("x", CREATE, "component:default/web"))));
        assertEquals("Item 'x': permission.attributes.action: Unknown permission action 'destroy'; use create, read,"
                + " update or delete", refused(body(item("x", Map.of("type", "basic", "name", "a",
                        "attributes", Map.of("action", "destroy")), null))));
        assertEquals("Item 'x': resourceRef must be a non-empty string", refused(body(item("x", READ, 7))));
        assertEquals(List.of(), policy.asked, "nothing of a refused request reaches the policy");
    }

    private String refused(String body) {
        InputError error = assertThrows(InputError.class, () -> resource.authorize(body, JANE));
        assertEquals(400, error.statusCode());
        return error.getMessage();
    }
}
