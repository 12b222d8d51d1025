package dev.backline.database.core;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.DatabaseService;

/** The {@code core.database} factory: each plugin's database from the manager, closed when the plugin stops. */
public final class DatabaseServiceFactory {

    private DatabaseServiceFactory() {
    }

    public static ServiceFactory<DatabaseService> create(DatabaseManager manager) {
        return ServiceFactory.of(CoreServices.DATABASE)
                .deps(CoreServices.ROOT_CONFIG, CoreServices.PLUGIN_METADATA, CoreServices.LOGGER, CoreServices.LIFECYCLE)
                .factory(deps -> {
                    PluginDatabase database = manager.open(deps.get(CoreServices.ROOT_CONFIG),
                            deps.get(CoreServices.PLUGIN_METADATA).getId(), deps.get(CoreServices.LOGGER));
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> manager.release(database));
                    return database;
                });
    }
}
