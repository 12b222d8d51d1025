package dev.backline.plugin.api.permission;

/**
 * Names a resource type and the plugin owning it, typed with the resource ({@code R}) and the query ({@code Q}) its
 * rules work with: Backstage's {@code createPermissionResourceRef}.
 *
 * <pre>{@code
 * static final PermissionResourceRef<Entity, Predicate<Entity>> ENTITY =
 *         PermissionResourceRef.of("catalog", "catalog-entity");
 * }</pre>
 */
public record PermissionResourceRef<R, Q>(String pluginId, String resourceType) {

    public PermissionResourceRef {
        Names.require(pluginId, "The plugin id of a permission resource ref");
        Names.require(resourceType, "The resource type of a permission resource ref");
    }

    public static <R, Q> PermissionResourceRef<R, Q> of(String pluginId, String resourceType) {
        return new PermissionResourceRef<>(pluginId, resourceType);
    }
}
