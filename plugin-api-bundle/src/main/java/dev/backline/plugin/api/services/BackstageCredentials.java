package dev.backline.plugin.api.services;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who made a request or a call, as the {@link AuthService} established it. Pass them on to
 * {@link AuthService#getPluginRequestToken} to call another plugin on the caller's behalf.
 */
@ProviderType
public interface BackstageCredentials {

    BackstagePrincipal principal();

    /** When the credentials stop being valid, if they expire. */
    Optional<Instant> expiresAt();
}
