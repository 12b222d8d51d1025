package dev.backline.plugin.api.permission;

import java.util.Objects;

/** A permission that is not about a particular resource: the policy answers it with ALLOW or DENY. */
public record BasicPermission(String name, PermissionAttributes attributes) implements Permission {

    public BasicPermission {
        Names.require(name, "A permission's name");
        Objects.requireNonNull(attributes, "attributes of permission '" + name + "'");
    }
}
