package dev.backline.auth.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.RootConfigService;

/**
 * The {@code core.auth}, {@code core.httpAuth} and {@code core.userInfo} factories. In OSGi this bundle registers them as services;
 * in plain Java add them to the backend: {@code AuthServiceFactories.create().forEach(builder::add)}.
 */
public final class AuthServiceFactories {

    /** How long a signing key is used, and a plugin token valid; Backstage's one hour. */
    public static final Duration KEY_DURATION = Duration.ofHours(1);

    /** What every plugin shares: the external access configuration and the issuers' public keys. */
    private record Shared(Optional<UserTokens> userTokens, ExternalAccess external, IssuerKeys issuerKeys,
            boolean defaultPolicyDisabled) {
    }

    private AuthServiceFactories() {
    }

    public static List<ServiceFactory<?>> create() {
        return create(Clock.systemUTC());
    }

    /** With a clock of the caller's, for tests of expiry and key rotation. */
    public static List<ServiceFactory<?>> create(Clock clock) {
        ServiceFactory<?> auth = ServiceFactory.of(CoreServices.AUTH)
                .deps(CoreServices.ROOT_CONFIG, CoreServices.PLUGIN_METADATA, CoreServices.LOGGER, CoreServices.DISCOVERY,
                        CoreServices.DATABASE)
                .rootContext(deps -> shared(deps.get(CoreServices.ROOT_CONFIG)))
                .factory((deps, shared) -> {
                    String pluginId = deps.get(CoreServices.PLUGIN_METADATA).getId();
                    LoggerService logger = deps.get(CoreServices.LOGGER);
                    PluginKeys keys = new PluginKeys(deps.get(CoreServices.DATABASE), KEY_DURATION, clock, logger);
                    PluginTokens tokens = new PluginTokens(pluginId, keys, KEY_DURATION, clock, shared.issuerKeys(),
                            deps.get(CoreServices.DISCOVERY), logger);
                    return new DefaultAuthService(pluginId, tokens, keys, shared.userTokens(), shared.external(),
                            shared.defaultPolicyDisabled());
                });
        ServiceFactory<?> httpAuth = ServiceFactory.of(CoreServices.HTTP_AUTH)
                .deps(CoreServices.AUTH)
                .factory(deps -> new DefaultHttpAuthService(deps.get(CoreServices.AUTH)));
        ServiceFactory<?> userInfo = ServiceFactory.of(CoreServices.USER_INFO)
                .factory(deps -> new DefaultUserInfoService());
        return List.of(auth, httpAuth, userInfo);
    }

    private static Shared shared(RootConfigService root) {
        IssuerKeys issuerKeys = new IssuerKeys();
        Config config = root;
        return new Shared(UserTokens.from(config, issuerKeys), ExternalAccess.from(config, issuerKeys), issuerKeys,
                config.getOptionalBoolean("backend.auth.dangerouslyDisableDefaultAuthPolicy").orElse(false));
    }
}
