package dev.backline.plugin.api.permission;

import java.util.Objects;

/** What a policy is asked about: the permission, never the resource itself (conditions cover that). */
public record PolicyQuery(Permission permission) {

    public PolicyQuery {
        Objects.requireNonNull(permission, "permission");
    }
}
