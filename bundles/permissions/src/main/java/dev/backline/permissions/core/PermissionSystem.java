package dev.backline.permissions.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.PermissionsRegistryService;
import dev.backline.plugin.api.services.PermissionsService;
import dev.backline.plugin.api.services.UserInfoService;

/**
 * The permission framework of one backend: the {@code core.permissions} and {@code core.permissionsRegistry}
 * factories and the {@code permission} plugin, sharing what every plugin registered and the policy in force. In OSGi
 * this bundle makes one; in plain Java:
 *
 * <pre>{@code
 * PermissionSystem permissions = new PermissionSystem(PolicySource.of(new MyPolicy()));
 * permissions.serviceFactories().forEach(builder::add);
 * builder.add(permissions.plugin());
 * }</pre>
 */
public final class PermissionSystem {

    /** Backstage's switch: false or absent, every permission is allowed without asking the policy. */
    public static final String ENABLED_KEY = "permission.enabled";

    /** The plugin serving {@code POST /api/permission/authorize}. */
    public static final String PLUGIN_ID = "permission";

    private final PolicySource policies;
    private final PermissionStore store = new PermissionStore();
    private final AtomicBoolean warnedWithoutPolicy = new AtomicBoolean();

    public PermissionSystem(PolicySource policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /**
     * Both factories; {@code core.permissions} reads users' info through {@code core.userInfo} and, for a policy of
     * another backend, asks it with {@code core.auth} and {@code core.discovery}, so it needs those three.
     */
    public List<ServiceFactory<?>> serviceFactories() {
        return serviceFactories(true);
    }

    /**
     * Both factories.
     *
     * @param withUserInfo false for a backend without {@code core.userInfo}: the policy then sees a user as owning
     *                     through its own entity ref only
     */
    public List<ServiceFactory<?>> serviceFactories(boolean withUserInfo) {
        return List.of(permissionsFactory(withUserInfo), registryFactory());
    }

    /** What every plugin's {@code core.permissions} shares: the switch, and the remote policy when there is one. */
    private record Settings(boolean enabled, RemotePolicy remote) {
    }

    private ServiceFactory<PermissionsService> permissionsFactory(boolean withUserInfo) {
        // With the full set of services (core.auth, core.userInfo), the policy may be another backend's.
        List<ServiceRef<?>> deps = withUserInfo
                ? List.of(CoreServices.ROOT_CONFIG, CoreServices.LOGGER, CoreServices.USER_INFO, CoreServices.AUTH,
                        CoreServices.DISCOVERY)
                : List.of(CoreServices.ROOT_CONFIG, CoreServices.LOGGER);
        return ServiceFactory.of(CoreServices.PERMISSIONS).deps(deps)
                .rootContext(rootDeps -> {
                    Config root = rootDeps.get(CoreServices.ROOT_CONFIG);
                    return new Settings(enabled(root), withUserInfo && RemotePolicy.configured(root) ? new RemotePolicy() : null);
                })
                .factory((deps1, settings) -> new PluginPermissions(this, settings.enabled(), true, deps1.get(CoreServices.LOGGER),
                        withUserInfo ? deps1.get(CoreServices.USER_INFO) : null,
                        settings.remote() == null ? null : new PluginPermissions.Remote(settings.remote(),
                                deps1.get(CoreServices.AUTH), deps1.get(CoreServices.DISCOVERY))));
    }

    private ServiceFactory<PermissionsRegistryService> registryFactory() {
        return ServiceFactory.of(CoreServices.PERMISSIONS_REGISTRY)
                .deps(CoreServices.PLUGIN_METADATA, CoreServices.LIFECYCLE)
                .factory(deps -> {
                    String pluginId = deps.get(CoreServices.PLUGIN_METADATA).getId();
                    // a plugin starting (again) registers anew; what it registered goes when it stops
                    store.removePlugin(pluginId);
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> store.removePlugin(pluginId));
                    return new PluginPermissionsRegistry(pluginId, store);
                });
    }

    /** The {@code permission} plugin: {@code POST /api/permission/authorize} for callers over HTTP. */
    public BackendPlugin plugin() {
        return plugin(true);
    }

    /** The {@code permission} plugin; {@code withUserInfo} as for {@link #serviceFactories(boolean)}. */
    public BackendPlugin plugin(boolean withUserInfo) {
        return BackendPlugin.create(PLUGIN_ID, env -> PermissionPlugin.register(this, env, withUserInfo));
    }

    static boolean enabled(Config root) {
        return root.getOptionalBoolean(ENABLED_KEY).orElse(false);
    }

    PolicySource policies() {
        return policies;
    }

    PermissionStore store() {
        return store;
    }

    /**
     * True the first time it is asked since a policy was last seen: the missing policy is logged once, not at every
     * check.
     */
    boolean firstWithoutPolicy() {
        return warnedWithoutPolicy.compareAndSet(false, true);
    }

    /** A policy is in force: its absence is worth a warning again. */
    void policyPresent() {
        if (warnedWithoutPolicy.get()) {
            warnedWithoutPolicy.set(false);
        }
    }

    /** A {@code core.permissions} as the endpoint uses it: it asks the policy about services too. */
    PluginPermissions forEndpoint(boolean enabled, LoggerService logger, UserInfoService userInfo) {
        return new PluginPermissions(this, enabled, false, logger, userInfo);
    }
}
