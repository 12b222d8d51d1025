package dev.backline.plugin.api.permission;

import java.util.Objects;

/**
 * A check of a resource permission for many resources at once:
 * {@link dev.backline.plugin.api.services.PermissionsService#authorizeConditional} answers ALLOW, DENY, or the
 * conditions to turn into the plugin's query.
 */
public record QueryPermissionRequest(ResourcePermission permission) {

    public QueryPermissionRequest {
        Objects.requireNonNull(permission, "permission");
    }

    public static QueryPermissionRequest of(ResourcePermission permission) {
        return new QueryPermissionRequest(permission);
    }
}
