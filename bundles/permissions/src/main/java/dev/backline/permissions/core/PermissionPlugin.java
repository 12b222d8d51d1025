package dev.backline.permissions.core;

import java.util.ArrayList;
import java.util.List;

import dev.backline.plugin.api.Dependency;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The {@code permission} plugin's registration: {@link PermissionResource} at {@code /api/permission/authorize}, open
 * at the credentials barrier so that nobody's decisions can be asked for without a token, as Backstage has it; a token
 * that is sent must be valid.
 */
public final class PermissionPlugin {

    private PermissionPlugin() {
    }

    /** Registers the plugin's init with {@code env}; the OSGi component and {@link PermissionSystem#plugin()} share it. */
    public static void register(PermissionSystem system, Registrar env, boolean withUserInfo) {
        List<Dependency<?>> deps = new ArrayList<>(List.of(CoreServices.ROOT_CONFIG, CoreServices.LOGGER,
                CoreServices.HTTP_ROUTER, CoreServices.HTTP_AUTH));
        if (withUserInfo) {
            deps.add(CoreServices.USER_INFO);
        }
        env.registerInit(deps, init -> {
            boolean enabled = PermissionSystem.enabled(init.get(CoreServices.ROOT_CONFIG));
            LoggerService logger = init.get(CoreServices.LOGGER);
            if (!enabled) {
                logger.info("Permissions are disabled (" + PermissionSystem.ENABLED_KEY + " is not true): every check"
                        + " is allowed");
            }
            PluginPermissions permissions = system.forEndpoint(enabled, logger,
                    withUserInfo ? init.get(CoreServices.USER_INFO) : null);
            init.get(CoreServices.HTTP_ROUTER).use("/authorize", new PermissionResource(permissions,
                    init.get(CoreServices.HTTP_AUTH)));
            // As Backstage's permission backend: a plugin asks for nobody without a token; a token must be valid.
            init.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/authorize",
                    HttpAuthPolicy.Allow.UNAUTHENTICATED));
        });
    }
}
