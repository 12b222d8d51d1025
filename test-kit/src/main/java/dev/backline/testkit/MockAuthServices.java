package dev.backline.testkit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstageUserInfo;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * {@code core.auth}, {@code core.httpAuth} and {@code core.userInfo} for tests: {@link MockCredentials} tokens in, no keys, no database.
 * They refuse what the real ones refuse (no or a foreign token is a 401, a principal type a route does not allow a
 * 403), so routes' auth behaviour is tested as it runs.
 */
final class MockAuthServices {

    private static final Pattern BEARER = Pattern.compile("^Bearer +(\\S+)$", Pattern.CASE_INSENSITIVE);

    private MockAuthServices() {
    }

    static List<ServiceFactory<?>> factories() {
        return List.of(
                ServiceFactory.of(CoreServices.AUTH).deps(CoreServices.PLUGIN_METADATA)
                        .factory(deps -> new MockAuth(deps.get(CoreServices.PLUGIN_METADATA).getId())),
                ServiceFactory.of(CoreServices.HTTP_AUTH).deps(CoreServices.AUTH)
                        .factory(deps -> new MockHttpAuth(deps.get(CoreServices.AUTH))),
                ServiceFactory.of(CoreServices.USER_INFO).factory(deps -> MockAuthServices::userInfo));
    }

    /** A mock user owns through itself only. */
    private static BackstageUserInfo userInfo(BackstageCredentials credentials) {
        if (credentials.principal() instanceof BackstagePrincipal.User user) {
            return new BackstageUserInfo(user.userEntityRef(), List.of(user.userEntityRef()));
        }
        throw new InputError("User info is only available for a user's credentials, got '"
                + credentials.principal().type().name().toLowerCase(Locale.ROOT) + "' credentials");
    }

    private record Credentials(BackstagePrincipal principal) implements BackstageCredentials {
        @Override
        public Optional<Instant> expiresAt() {
            return Optional.empty();
        }
    }

    private static final class MockAuth implements AuthService {
        private final String pluginId;

        MockAuth(String pluginId) {
            this.pluginId = pluginId;
        }

        @Override
        public BackstageCredentials authenticate(String token) {
            if (token != null && token.startsWith(MockCredentials.USER_PREFIX)) {
                return new Credentials(new BackstagePrincipal.User(token.substring(MockCredentials.USER_PREFIX.length())));
            }
            if (token != null && token.startsWith(MockCredentials.SERVICE_PREFIX)) {
                return new Credentials(new BackstagePrincipal.Service(token.substring(MockCredentials.SERVICE_PREFIX.length())));
            }
            throw new AuthenticationError("Not a mock token (the test backend takes MockCredentials.user(...) or .service(...))");
        }

        @Override
        public boolean isPrincipal(BackstageCredentials credentials, PrincipalType type) {
            return credentials.principal().type() == type;
        }

        @Override
        public BackstageCredentials getNoneCredentials() {
            return new Credentials(new BackstagePrincipal.None());
        }

        @Override
        public BackstageCredentials getOwnServiceCredentials() {
            return new Credentials(new BackstagePrincipal.Service("plugin:" + pluginId));
        }

        @Override
        public String getPluginRequestToken(BackstageCredentials onBehalfOf, String targetPluginId) {
            BackstagePrincipal principal = onBehalfOf.principal();
            if (principal instanceof BackstagePrincipal.User user) {
                return MockCredentials.user(user.userEntityRef());
            }
            if (principal instanceof BackstagePrincipal.Service service) {
                if (service.accessPlugins().isPresent() && !service.accessPlugins().get().contains(targetPluginId)) {
                    throw new NotAllowedError("Service '" + service.subject() + "' may not call plugin '" + targetPluginId + "'");
                }
                return MockCredentials.service("plugin:" + pluginId);
            }
            throw new AuthenticationError("No credentials to issue a token for plugin '" + targetPluginId + "' on behalf of");
        }

        @Override
        public List<Map<String, Object>> listPublicServiceKeys() {
            return List.of();
        }
    }

    private static final class MockHttpAuth implements HttpAuthService {
        private final AuthService auth;

        MockHttpAuth(AuthService auth) {
            this.auth = auth;
        }

        @Override
        public BackstageCredentials credentials(HttpServletRequest request, PrincipalType... allow) {
            String header = request.getHeader("Authorization");
            BackstageCredentials credentials;
            if (header == null) {
                credentials = auth.getNoneCredentials();
            } else {
                Matcher bearer = BEARER.matcher(header.trim());
                if (!bearer.matches()) {
                    throw new AuthenticationError("Illegal Authorization header: expected 'Bearer <token>'");
                }
                credentials = auth.authenticate(bearer.group(1));
            }
            PrincipalType type = credentials.principal().type();
            if (allow.length == 0 || Arrays.asList(allow).contains(type)) {
                return credentials;
            }
            if (type == PrincipalType.NONE) {
                throw new AuthenticationError("Missing credentials");
            }
            throw new NotAllowedError("This endpoint does not allow '" + type.name().toLowerCase(Locale.ROOT) + "' credentials");
        }
    }
}
