package dev.backline.auth.core;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * One plugin's {@code core.auth}: plugin tokens first (issued by another plugin for this one), then users' tokens,
 * then external callers; anything else is an illegal token.
 */
final class DefaultAuthService implements AuthService {

    private final String pluginId;
    private final PluginTokens pluginTokens;
    private final PluginKeys keys;
    private final Optional<UserTokens> userTokens;
    private final ExternalAccess external;
    private final boolean defaultPolicyDisabled;

    DefaultAuthService(String pluginId, PluginTokens pluginTokens, PluginKeys keys, Optional<UserTokens> userTokens,
            ExternalAccess external, boolean defaultPolicyDisabled) {
        this.pluginId = pluginId;
        this.pluginTokens = pluginTokens;
        this.keys = keys;
        this.userTokens = userTokens;
        this.external = external;
        this.defaultPolicyDisabled = defaultPolicyDisabled;
    }

    @Override
    public BackstageCredentials authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationError("Missing credentials");
        }
        Optional<AuthCredentials> plugin = pluginTokens.verify(token);
        if (plugin.isPresent()) {
            return plugin.get();
        }
        Optional<UserCredentials> user = userTokens.flatMap(tokens -> tokens.verify(token));
        if (user.isPresent()) {
            return user.get();
        }
        return external.principalOf(token, pluginId).<BackstageCredentials>map(AuthCredentials::of)
                .orElseThrow(() -> new AuthenticationError("Illegal token"));
    }

    @Override
    public boolean isPrincipal(BackstageCredentials credentials, PrincipalType type) {
        return credentials.principal().type() == type;
    }

    @Override
    public BackstageCredentials getNoneCredentials() {
        return AuthCredentials.of(new BackstagePrincipal.None());
    }

    @Override
    public BackstageCredentials getOwnServiceCredentials() {
        return AuthCredentials.of(new BackstagePrincipal.Service("plugin:" + pluginId));
    }

    @Override
    public String getPluginRequestToken(BackstageCredentials onBehalfOf, String targetPluginId) {
        BackstagePrincipal principal = onBehalfOf.principal();
        if (principal instanceof BackstagePrincipal.Service service) {
            if (service.accessPlugins().isPresent() && !service.accessPlugins().get().contains(targetPluginId)) {
                throw new NotAllowedError("Access to target plugin '" + targetPluginId
                        + "' is not included in the caller's access restrictions");
            }
            return pluginTokens.issue(targetPluginId);
        }
        if (principal instanceof BackstagePrincipal.None && defaultPolicyDisabled) {
            return "";
        }
        if (onBehalfOf instanceof UserCredentials user) {
            // As Backstage does for full user tokens: the user's own token goes on, so the target sees the user.
            return user.token();
        }
        throw new AuthenticationError("Refused to issue a service token for credentials of type '"
                + principal.type().name().toLowerCase(java.util.Locale.ROOT) + "'");
    }

    @Override
    public List<Map<String, Object>> listPublicServiceKeys() {
        try {
            return keys.publicKeys();
        } catch (SQLException e) {
            throw new IllegalStateException("Plugin '" + pluginId + "' could not read its public keys: " + e.getMessage(), e);
        }
    }
}
