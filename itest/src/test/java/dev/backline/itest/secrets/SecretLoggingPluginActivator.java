package dev.backline.itest.secrets;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import dev.backline.plugin.api.BackendPlugin;

/** Registers {@link SecretLoggingPlugin} from its own bundle, where its configuration schema lives. */
public final class SecretLoggingPluginActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(BackendPlugin.class, new SecretLoggingPlugin(), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
