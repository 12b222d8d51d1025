package dev.backline.auditor.osgi;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.backline.auditor.core.AuditorServiceFactory;
import dev.backline.plugin.api.ServiceFactory;

/**
 * Publishes the {@code core.auditor} factory, which the host adds for every plugin. Withdrawing it (this bundle
 * stopping or updating) restarts the plugins using it on whatever provides the service then.
 */
@Component(immediate = true)
public final class AuditorServiceComponent {

    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", "core.auditor");
        registration = context.registerService(ServiceFactory.class.getName(), AuditorServiceFactory.create(), properties);
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
