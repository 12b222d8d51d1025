package dev.backline.itest.launch.bundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What an operator's ConfigAdmin client does, as a bundle launched-jar tests drop into deploy/: when the
 * framework property {@code itest.example.value} is set, it writes that value as {@code value} into the
 * example plugin's configuration {@code backline.plugin.example}; otherwise it does nothing.
 */
public final class ExampleConfigWriterActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        String value = context.getProperty("itest.example.value");
        if (value == null) {
            return;
        }
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin admin = context.getService(reference);
        try {
            Configuration configuration = admin.getConfiguration("backline.plugin.example", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            if (configuration.getProperties() != null) {
                java.util.Collections.list(configuration.getProperties().keys())
                        .forEach(key -> properties.put(key, configuration.getProperties().get(key)));
            }
            properties.put("value", value);
            configuration.update(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            context.ungetService(reference);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
