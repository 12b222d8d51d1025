package dev.backline.runtime.services;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.backline.runtime.http.PluginHttpRouter;
import dev.backline.runtime.http.RootHttpRouter;
import dev.backline.runtime.http.RouteTable;
import dev.backline.runtime.logging.ConfigurableRootLogger;
import dev.backline.runtime.logging.LogFormat;
import dev.backline.runtime.wiring.BackendState;
import dev.backline.runtime.wiring.PluginLifecycle;
import dev.backline.runtime.wiring.RootLifecycle;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.ConfigService;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.RootConfigService;
import dev.backline.plugin.api.services.RootInstanceMetadataService;
import dev.backline.plugin.api.services.RootInstanceMetadataService.InstalledPlugin;

/**
 * The factories of the core services a backend has without any container: configuration, logging,
 * lifecycles, instance metadata, health, discovery and the HTTP routers. The database comes later.
 */
public final class DefaultServiceFactories {

    private DefaultServiceFactories() {
    }

    /**
     * @param rootConfig       creates the root configuration (called once, when first needed)
     * @param pluginConfig     creates a plugin's view of the root configuration, by plugin id
     * @param rootLogger       creates the root logger; its level and format are then set from
     *                         {@code backend.logger.level} and {@code backend.logger.format}
     * @param installedPlugins what the backend has installed right now
     * @param backendState     the backend's state, which readiness follows
     * @param lastStart        the result of the backend's last start, which readiness names failures from
     * @param routes           where the HTTP routers mount
     */
    public static List<ServiceFactory<?>> create(Supplier<RootConfigService> rootConfig,
            PluginConfigs pluginConfig, Supplier<ConfigurableRootLogger> rootLogger,
            Supplier<List<InstalledPlugin>> installedPlugins, Supplier<BackendState> backendState,
            Supplier<java.util.Optional<dev.backline.runtime.wiring.StartupResult>> lastStart, RouteTable routes) {
        return List.of(
                ServiceFactory.of(CoreServices.ROOT_HTTP_ROUTER).factory(deps -> new RootHttpRouter(routes)),
                // Eager: every plugin gets its mount, and its routes are held while it starts.
                ServiceFactory.of(CoreServices.HTTP_ROUTER).deps(CoreServices.PLUGIN_METADATA)
                        .initialization(ServiceFactory.Initialization.ALWAYS)
                        .factory(deps -> new PluginHttpRouter(routes.forPlugin(deps.get(CoreServices.PLUGIN_METADATA).getId()))),
                ServiceFactory.of(CoreServices.ROOT_CONFIG).factory(deps -> rootConfig.get()),
                ServiceFactory.of(CoreServices.CONFIG).deps(CoreServices.ROOT_CONFIG, CoreServices.PLUGIN_METADATA)
                        .factory(deps -> pluginConfig.create(deps.get(CoreServices.ROOT_CONFIG),
                                deps.get(CoreServices.PLUGIN_METADATA).getId())),
                ServiceFactory.of(CoreServices.ROOT_LOGGER).deps(CoreServices.ROOT_CONFIG).factory(deps -> {
                    ConfigurableRootLogger logger = rootLogger.get();
                    deps.get(CoreServices.ROOT_CONFIG).getOptionalString("backend.logger.level")
                            .map(LogLevel::parse)
                            .ifPresent(logger::setLevel);
                    deps.get(CoreServices.ROOT_CONFIG).getOptionalString("backend.logger.format")
                            .map(LogFormat::parse)
                            .ifPresent(logger::setFormat);
                    return logger;
                }),
                ServiceFactory.of(CoreServices.LOGGER).deps(CoreServices.ROOT_LOGGER, CoreServices.PLUGIN_METADATA)
                        .factory(deps -> deps.get(CoreServices.ROOT_LOGGER)
                                .child(Map.of("plugin", deps.get(CoreServices.PLUGIN_METADATA).getId()))),
                ServiceFactory.of(CoreServices.ROOT_LIFECYCLE).deps(CoreServices.ROOT_LOGGER)
                        .factory(deps -> new RootLifecycle(deps.get(CoreServices.ROOT_LOGGER))),
                ServiceFactory.of(CoreServices.LIFECYCLE).deps(CoreServices.LOGGER, CoreServices.PLUGIN_METADATA)
                        .factory(deps -> new PluginLifecycle(deps.get(CoreServices.PLUGIN_METADATA).getId(),
                                deps.get(CoreServices.LOGGER))),
                ServiceFactory.of(CoreServices.ROOT_INSTANCE_METADATA)
                        .factory(deps -> (RootInstanceMetadataService) installedPlugins::get),
                ServiceFactory.of(CoreServices.ROOT_SYSTEM_METADATA)
                        .deps(CoreServices.ROOT_CONFIG, CoreServices.ROOT_INSTANCE_METADATA)
                        .factory(deps -> new DefaultRootSystemMetadata(deps.get(CoreServices.ROOT_CONFIG),
                                deps.get(CoreServices.ROOT_INSTANCE_METADATA))),
                ServiceFactory.of(CoreServices.ROOT_HEALTH).factory(deps -> new DefaultRootHealth(backendState, lastStart)),
                ServiceFactory.of(CoreServices.DISCOVERY).deps(CoreServices.ROOT_CONFIG)
                        .factory(deps -> new HostDiscovery(deps.get(CoreServices.ROOT_CONFIG))));
    }

    /** Makes a plugin's configuration view; the OSGi host overlays its ConfigAdmin configuration here. */
    @FunctionalInterface
    public interface PluginConfigs {
        ConfigService create(RootConfigService root, String pluginId);

        /** Every plugin sees the root configuration as it is. */
        static PluginConfigs rootView() {
            return (root, pluginId) -> root;
        }
    }

}
