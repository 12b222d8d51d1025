package dev.backline.plugin.api.services;

import java.util.List;
import java.util.Objects;

/**
 * A user as a user token describes it.
 *
 * @param userEntityRef       e.g. {@code user:default/jane}
 * @param ownershipEntityRefs the entities the user owns through: itself and its groups (the token's {@code ent} claim)
 * @since 1.4
 */
public record BackstageUserInfo(String userEntityRef, List<String> ownershipEntityRefs) {

    public BackstageUserInfo {
        Objects.requireNonNull(userEntityRef, "userEntityRef");
        ownershipEntityRefs = List.copyOf(Objects.requireNonNull(ownershipEntityRefs, "ownershipEntityRefs"));
    }
}
