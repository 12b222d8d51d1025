package dev.backline.plugin.api.services;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.annotation.versioning.ProviderType;

/** The credentials of HTTP requests to the plugin: Backstage's {@code coreServices.httpAuth}. */
@ProviderType
public interface HttpAuthService {

    /**
     * The credentials of a request, from its {@code Authorization: Bearer} token (nobody's when it has none).
     *
     * @param allow the principal types accepted here; none given accepts every type
     * @throws dev.backline.plugin.api.errors.AuthenticationError "Missing credentials" when nobody's are not
     *                                                            allowed, or for an invalid token
     * @throws dev.backline.plugin.api.errors.NotAllowedError     for a principal type that is not allowed
     */
    BackstageCredentials credentials(HttpServletRequest request, PrincipalType... allow);
}
