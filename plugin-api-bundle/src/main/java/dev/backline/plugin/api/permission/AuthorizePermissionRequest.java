package dev.backline.plugin.api.permission;

import java.util.Objects;
import java.util.Optional;

/**
 * A permission check, for one resource when {@code resourceRef} is given (only for a {@link ResourcePermission}):
 * {@link dev.backline.plugin.api.services.PermissionsService#authorize} answers ALLOW or DENY.
 */
public record AuthorizePermissionRequest(Permission permission, Optional<String> resourceRef) {

    public AuthorizePermissionRequest {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(resourceRef, "resourceRef");
        if (resourceRef.isPresent() && !(permission instanceof ResourcePermission)) {
            throw new IllegalArgumentException("Permission '" + permission.name()
                    + "' is a basic permission; only a resource permission takes a resourceRef");
        }
    }

    public static AuthorizePermissionRequest of(Permission permission) {
        return new AuthorizePermissionRequest(permission, Optional.empty());
    }

    public static AuthorizePermissionRequest of(ResourcePermission permission, String resourceRef) {
        return new AuthorizePermissionRequest(permission, Optional.of(Names.require(resourceRef,
                "The resourceRef of a request for '" + permission.name() + "'")));
    }
}
