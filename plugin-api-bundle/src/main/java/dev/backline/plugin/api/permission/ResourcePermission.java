package dev.backline.plugin.api.permission;

import java.util.Objects;

/**
 * A permission on one resource of {@code resourceType} (an entity of the catalog, say): the policy may answer it with
 * conditions, which the plugin owning the resource type checks with its rules.
 */
public record ResourcePermission(String name, String resourceType, PermissionAttributes attributes) implements Permission {

    public ResourcePermission {
        Names.require(name, "A permission's name");
        Names.require(resourceType, "The resource type of permission '" + name + "'");
        Objects.requireNonNull(attributes, "attributes of permission '" + name + "'");
    }
}
