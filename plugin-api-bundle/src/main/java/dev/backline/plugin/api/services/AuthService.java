package dev.backline.plugin.api.services;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tokens and credentials for the plugin: Backstage's {@code coreServices.auth}. Verifies the tokens callers
 * present, and issues short-lived tokens that let this plugin call another one.
 */
@ProviderType
public interface AuthService {

    /**
     * The credentials a token stands for: a token another plugin issued for this one, or a token of an
     * external caller configured in {@code backend.auth.externalAccess}.
     *
     * @throws dev.backline.plugin.api.errors.AuthenticationError for a token that is invalid, expired,
     *                                                            tampered with or not meant for this plugin
     * @throws dev.backline.plugin.api.errors.NotAllowedError     for a token whose access is restricted to
     *                                                            other plugins
     */
    BackstageCredentials authenticate(String token);

    /** Whether the credentials are of that principal type. */
    boolean isPrincipal(BackstageCredentials credentials, PrincipalType type);

    /** The credentials of nobody, for requests without any. */
    BackstageCredentials getNoneCredentials();

    /** This plugin's own service credentials ({@code plugin:<pluginId>}). */
    BackstageCredentials getOwnServiceCredentials();

    /**
     * A token for a call from this plugin to {@code targetPluginId} on behalf of {@code onBehalfOf} (usually
     * {@link #getOwnServiceCredentials()}, or the credentials of the request being served). Send it as
     * {@code Authorization: Bearer <token>}.
     *
     * @throws dev.backline.plugin.api.errors.NotAllowedError     when the caller's access does not reach the
     *                                                            target plugin
     * @throws dev.backline.plugin.api.errors.AuthenticationError for credentials that cannot be passed on
     *                                                            (nobody's)
     */
    String getPluginRequestToken(BackstageCredentials onBehalfOf, String targetPluginId);

    /**
     * The public keys that verify this plugin's tokens, as JSON Web Keys: what
     * {@code /api/<pluginId>/.backstage/auth/v1/jwks.json} serves under {@code keys}.
     */
    List<Map<String, Object>> listPublicServiceKeys();
}
