package dev.backline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.permission.AuthorizePermissionRequest;
import dev.backline.plugin.api.permission.BasicPermission;
import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionAttributes;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.CoreServices;

/**
 * The test backend has core.permissions, core.permissionsRegistry and core.userInfo: without a policy everything is
 * allowed, with the test's policy its decisions count, and the policy sees the user's info.
 */
class PermissionsAndUserInfoTest {

    static final BasicPermission TODO_CREATE = Permission.basic("todo.create", PermissionAttributes.Action.CREATE);

    /** {@code POST /api/todo/todos}: 201 when {@code todo.create} is allowed for the caller; the body is the caller. */
    static BackendPlugin todoPlugin() {
        return BackendPlugin.create("todo", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER, CoreServices.HTTP_AUTH,
                CoreServices.PERMISSIONS, CoreServices.PERMISSIONS_REGISTRY, CoreServices.USER_INFO), deps -> {
                    deps.get(CoreServices.PERMISSIONS_REGISTRY).addPermissions(List.of(TODO_CREATE));
                    deps.get(CoreServices.HTTP_ROUTER).use("/todos", new HttpServlet() {
                        @Override
                        protected void doPost(HttpServletRequest request, HttpServletResponse response)
                                throws java.io.IOException {
                            BackstageCredentials caller = deps.get(CoreServices.HTTP_AUTH).credentials(request);
                            if (!deps.get(CoreServices.PERMISSIONS)
                                    .authorize(AuthorizePermissionRequest.of(TODO_CREATE), caller).allowed()) {
                                throw new NotAllowedError("Not allowed to create todos");
                            }
                            response.setStatus(201);
                            response.getWriter().write(deps.get(CoreServices.USER_INFO).getUserInfo(caller).userEntityRef());
                        }
                    });
                }));
    }

    @Test
    void withoutAPolicyEveryRequestIsAllowed() {
        try (TestBackend backend = TestBackend.start(todoPlugin())) {
            TestResponse created = backend.http().as(MockCredentials.user("user:default/jane")).post("/api/todo/todos", "");
            assertEquals(201, created.status(), created.toString());
            assertEquals("user:default/jane", created.body());
        }
    }

    @Test
    void theTestsPolicyDecidesAndSeesTheUsersInfo() {
        TestBackend.Builder builder = TestBackend.builder().add(todoPlugin()).permissionPolicy((query, user) ->
                user != null && user.info().map(info -> info.ownershipEntityRefs().contains("user:default/jane")).orElse(false)
                        ? PolicyDecision.allow() : PolicyDecision.deny());
        try (TestBackend backend = builder.start()) {
            assertEquals(201, backend.http().as(MockCredentials.user("user:default/jane")).post("/api/todo/todos", "").status());
            TestResponse denied = backend.http().as(MockCredentials.user("user:default/joe")).post("/api/todo/todos", "");
            assertEquals(403, denied.status(), denied.toString());
            assertEquals("Not allowed to create todos", denied.json().path("error").path("message").asText());
            // the permission plugin asks the same policy over HTTP
            TestResponse asked = backend.http().as(MockCredentials.user("user:default/jane")).post("/api/permission/authorize",
                    java.util.Map.of("items", List.of(java.util.Map.of("id", "a", "permission",
                            java.util.Map.of("type", "basic", "name", "todo.create", "attributes", java.util.Map.of())))));
            assertEquals(200, asked.status(), asked.toString());
            assertEquals("ALLOW", asked.json().path("items").path(0).path("result").asText(), asked.toString());
        }
    }
}
