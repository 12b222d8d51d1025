package dev.backline.plugin.api.permission;

import java.util.Objects;
import java.util.Optional;

import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstageUserInfo;

/**
 * Who a policy decides for: the caller's credentials and, for a user, what its token says about it (entity ref and
 * ownership refs).
 *
 * @param info the user's info; empty for a service (which only the {@code permission} plugin's endpoint asks about)
 */
public record PolicyQueryUser(BackstageCredentials credentials, Optional<BackstageUserInfo> info) {

    public PolicyQueryUser {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(info, "info");
    }
}
