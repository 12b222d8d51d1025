package dev.backline.itest.dbfailing;

import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * Activator of a bundle that {@code DatabaseFailuresIT} builds at configuration time: it registers one
 * plugin per id in {@link #PLUGIN_IDS}, each asking for its database in init. The test configures each
 * with a database it cannot have; a plugin that does get one starts and has no routes (404, not 503).
 */
public final class DatabasePluginsActivator implements BundleActivator {

    public static final String UNKNOWN_CLIENT = "db-mysql";
    public static final String UNREACHABLE = "db-unreachable";
    public static final String BAD_CREDENTIALS = "db-badpass";
    public static final String NO_CREATEDB = "db-nocreate";
    public static final String MISSING_DATABASE = "db-missing";
    public static final List<String> PLUGIN_IDS = List.of(UNKNOWN_CLIENT, UNREACHABLE, BAD_CREDENTIALS, NO_CREATEDB,
            MISSING_DATABASE);

    @Override
    public void start(BundleContext context) {
        for (String pluginId : PLUGIN_IDS) {
            context.registerService(BackendPlugin.class, BackendPlugin.create(pluginId,
                    env -> env.registerInit(List.of(CoreServices.DATABASE),
                            deps -> deps.get(CoreServices.DATABASE).getClient())), null);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
