package dev.backline.auth.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;

/** Credentials as this service establishes them. */
record AuthCredentials(BackstagePrincipal principal, Optional<Instant> expiresAt) implements BackstageCredentials {

    AuthCredentials {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    static AuthCredentials of(BackstagePrincipal principal) {
        return new AuthCredentials(principal, Optional.empty());
    }

    @Override
    public String toString() {
        return "credentials of " + principal;
    }
}
