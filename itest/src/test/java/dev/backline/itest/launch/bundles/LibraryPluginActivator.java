package dev.backline.itest.launch.bundles;

import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import dev.backline.itest.launch.bundles.lib.Greeting;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * A plugin that needs a library bundle: its id is the bundle's {@code X-Plugin-Id} header, and it logs the library's
 * greeting when it starts.
 */
public final class LibraryPluginActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        String pluginId = context.getBundle().getHeaders().get("X-Plugin-Id");
        context.registerService(BackendPlugin.class, BackendPlugin.create(pluginId, env -> env.registerInit(
                List.of(CoreServices.LOGGER), deps -> deps.get(CoreServices.LOGGER).info(Greeting.of(pluginId)))), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
