package dev.backline.scheduler.osgi;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.scheduler.core.SchedulerServiceFactory;

/**
 * Publishes the {@code core.scheduler} factory, which the host adds for every plugin. Withdrawing it (this bundle
 * stopping or updating) stops the plugins using it, which stops their tasks.
 */
@Component(immediate = true)
public final class SchedulerServiceComponent {

    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", "core.scheduler");
        registration = context.registerService(ServiceFactory.class.getName(), SchedulerServiceFactory.create(), properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it with the bundle
        }
    }
}
