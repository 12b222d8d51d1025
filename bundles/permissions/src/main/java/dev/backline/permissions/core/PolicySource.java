package dev.backline.permissions.core;

import dev.backline.plugin.api.permission.PermissionPolicy;

/** The policy in force now, asked at every check so that a policy can come, go or be replaced at any time. */
@FunctionalInterface
public interface PolicySource {

    /** The policy, or null when none is installed. */
    PermissionPolicy current();

    /** Always {@code policy}: for plain Java and tests. */
    static PolicySource of(PermissionPolicy policy) {
        return () -> policy;
    }
}
