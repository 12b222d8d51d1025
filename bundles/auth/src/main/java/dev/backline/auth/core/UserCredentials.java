package dev.backline.auth.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;

/**
 * A user's credentials from a user token: the principal, the ownership refs the token carries (its {@code ent}
 * claim) and the token itself, which is what a plugin passes on when it calls another on the user's behalf.
 */
record UserCredentials(BackstagePrincipal.User principal, Optional<Instant> expiresAt, List<String> ownershipEntityRefs,
        String token) implements BackstageCredentials {

    UserCredentials {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(expiresAt, "expiresAt");
        ownershipEntityRefs = List.copyOf(ownershipEntityRefs);
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        // Never the token: credentials end up in log lines.
        return "credentials of " + principal;
    }
}
