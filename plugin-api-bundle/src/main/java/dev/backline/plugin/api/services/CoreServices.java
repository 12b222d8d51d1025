package dev.backline.plugin.api.services;

import dev.backline.plugin.api.ServiceRef;

/**
 * References to the core services, ids {@code core.<name>}. The backend provides an implementation of
 * each; a bundle may override one by providing its own factory.
 */
public final class CoreServices {

    private CoreServices() {
    }

    /** The whole backend's configuration ({@code app-config.yaml}, environment overrides). */
    public static final ServiceRef<RootConfigService> ROOT_CONFIG =
            ServiceRef.root("core.rootConfig", RootConfigService.class);

    /**
     * The plugin's view of the configuration: the root configuration, overlaid by what the operator set
     * for this plugin at runtime (Backline).
     */
    public static final ServiceRef<ConfigService> CONFIG =
            ServiceRef.plugin("core.config", ConfigService.class);

    /** The backend's logger. */
    public static final ServiceRef<RootLoggerService> ROOT_LOGGER =
            ServiceRef.root("core.rootLogger", RootLoggerService.class);

    /** The plugin's logger: every line carries the plugin id. */
    public static final ServiceRef<LoggerService> LOGGER =
            ServiceRef.plugin("core.logger", LoggerService.class);

    /** Startup and shutdown hooks of the backend. */
    public static final ServiceRef<RootLifecycleService> ROOT_LIFECYCLE =
            ServiceRef.root("core.rootLifecycle", RootLifecycleService.class);

    /** Startup and shutdown hooks of the plugin. */
    public static final ServiceRef<LifecycleService> LIFECYCLE =
            ServiceRef.plugin("core.lifecycle", LifecycleService.class);

    /** Routes at the root of the HTTP server. */
    public static final ServiceRef<RootHttpRouterService> ROOT_HTTP_ROUTER =
            ServiceRef.root("core.rootHttpRouter", RootHttpRouterService.class);

    /** The plugin's routes, under {@code /api/<pluginId>}. */
    public static final ServiceRef<HttpRouterService> HTTP_ROUTER =
            ServiceRef.plugin("core.httpRouter", HttpRouterService.class);

    /** Which plugin a plugin-scoped service instance belongs to. Cannot be overridden. */
    public static final ServiceRef<PluginMetadataService> PLUGIN_METADATA =
            ServiceRef.plugin("core.pluginMetadata", PluginMetadataService.class);

    /** Which plugins and modules this backend has installed. */
    public static final ServiceRef<RootInstanceMetadataService> ROOT_INSTANCE_METADATA =
            ServiceRef.root("core.rootInstanceMetadata", RootInstanceMetadataService.class);

    /**
     * Which plugins the whole system has: this backend's and those {@code discovery.endpoints} routes elsewhere.
     *
     * @since 1.4
     */
    public static final ServiceRef<RootSystemMetadataService> ROOT_SYSTEM_METADATA =
            ServiceRef.root("core.rootSystemMetadata", RootSystemMetadataService.class);

    /** Liveness and readiness of the backend. */
    public static final ServiceRef<RootHealthService> ROOT_HEALTH =
            ServiceRef.root("core.rootHealth", RootHealthService.class);

    /** Where plugins are reachable. */
    public static final ServiceRef<DiscoveryService> DISCOVERY =
            ServiceRef.plugin("core.discovery", DiscoveryService.class);

    /** Tokens and credentials: verifies what callers present, issues tokens to call other plugins. */
    public static final ServiceRef<AuthService> AUTH =
            ServiceRef.plugin("core.auth", AuthService.class);

    /** The credentials of HTTP requests to the plugin. */
    public static final ServiceRef<HttpAuthService> HTTP_AUTH =
            ServiceRef.plugin("core.httpAuth", HttpAuthService.class);

    /** The plugin's own database. */
    public static final ServiceRef<DatabaseService> DATABASE =
            ServiceRef.plugin("core.database", DatabaseService.class);

    /**
     * The plugin's scheduled tasks, global across instances sharing its database or local to one.
     *
     * @since 1.4
     */
    public static final ServiceRef<SchedulerService> SCHEDULER =
            ServiceRef.plugin("core.scheduler", SchedulerService.class);

    /**
     * The plugin's cache, in memory or in Redis.
     *
     * @since 1.4
     */
    public static final ServiceRef<CacheService> CACHE =
            ServiceRef.plugin("core.cache", CacheService.class);

    /**
     * The plugin's audit trail, as structured log lines marked as audit events.
     *
     * @since 1.4
     */
    public static final ServiceRef<AuditorService> AUDITOR =
            ServiceRef.plugin("core.auditor", AuditorService.class);

    /**
     * Events between plugins and instances, on the OSGi Event Admin.
     *
     * @since 1.4
     */
    public static final ServiceRef<EventsService> EVENTS =
            ServiceRef.plugin("core.events", EventsService.class);

    /**
     * Reads files and trees from URLs: plain HTTP(S) where {@code backend.reading.allow} allows it, and what reader
     * bundles add.
     *
     * @since 1.4
     */
    public static final ServiceRef<UrlReaderService> URL_READER =
            ServiceRef.plugin("core.urlReader", UrlReaderService.class);

    /**
     * Asks the permission policy whether the caller may do something.
     *
     * @since 1.4
     */
    public static final ServiceRef<PermissionsService> PERMISSIONS =
            ServiceRef.plugin("core.permissions", PermissionsService.class);

    /**
     * The plugin's permissions, resource types and rules, as the permission policy sees them.
     *
     * @since 1.4
     */
    public static final ServiceRef<PermissionsRegistryService> PERMISSIONS_REGISTRY =
            ServiceRef.plugin("core.permissionsRegistry", PermissionsRegistryService.class);

    /**
     * The user entity ref and ownership refs a user token carries.
     *
     * @since 1.4
     */
    public static final ServiceRef<UserInfoService> USER_INFO =
            ServiceRef.plugin("core.userInfo", UserInfoService.class);
}
