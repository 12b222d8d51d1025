package dev.backline.plugin.api.permission;

/**
 * Something a caller may or may not do, by name ({@code catalog.entity.read}): Backstage's {@code createPermission}.
 * A {@link ResourcePermission} is about one resource of a type (an entity), so the policy can answer it with
 * conditions on that resource; a {@link BasicPermission} is not.
 */
public sealed interface Permission permits BasicPermission, ResourcePermission {

    /** The name, unique across the backend. */
    String name();

    PermissionAttributes attributes();

    /** A basic permission without attributes. */
    static BasicPermission basic(String name) {
        return new BasicPermission(name, PermissionAttributes.none());
    }

    /** A basic permission guarding {@code action}. */
    static BasicPermission basic(String name, PermissionAttributes.Action action) {
        return new BasicPermission(name, PermissionAttributes.of(action));
    }

    /** A permission on resources of {@code resourceType}, guarding {@code action}. */
    static ResourcePermission resource(String name, String resourceType, PermissionAttributes.Action action) {
        return new ResourcePermission(name, resourceType, PermissionAttributes.of(action));
    }

    /** A permission on resources of the type {@code resourceRef} names, guarding {@code action}. */
    static ResourcePermission resource(String name, PermissionResourceRef<?, ?> resourceRef,
            PermissionAttributes.Action action) {
        return resource(name, resourceRef.resourceType(), action);
    }
}
