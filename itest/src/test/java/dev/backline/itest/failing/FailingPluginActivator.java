package dev.backline.itest.failing;

import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import dev.backline.plugin.api.BackendPlugin;

/**
 * Activator of a bundle that {@code StartupAbortIT} builds at configuration time: it registers a plugin
 * 'failing' whose init throws, so that it is there for the backend's first start.
 */
public final class FailingPluginActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(BackendPlugin.class, BackendPlugin.create("failing",
                env -> env.registerInit(List.of(), deps -> {
                    throw new IllegalStateException("failing on purpose at the first start");
                })), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
