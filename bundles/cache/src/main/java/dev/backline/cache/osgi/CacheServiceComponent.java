package dev.backline.cache.osgi;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.backline.cache.core.CacheServices;
import dev.backline.plugin.api.ServiceFactory;

/**
 * Publishes the {@code core.cache} factory, which the host adds for every plugin. When this bundle stops, the factory
 * is withdrawn first (the plugins using it stop) and then its stores close: the Redis pool ends its connections.
 */
@Component(immediate = true)
public final class CacheServiceComponent {

    private final CacheServices services = new CacheServices();
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", "core.cache");
        registration = context.registerService(ServiceFactory.class.getName(), services.factory(), properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it with the bundle
        }
        services.close();
    }
}
