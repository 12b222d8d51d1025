package dev.backline.events.osgi;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

import dev.backline.events.core.EventsServices;
import dev.backline.plugin.api.ServiceFactory;

/**
 * Publishes the {@code core.events} factory over the Event Admin, which the host adds for every plugin, and provides
 * the shared {@link EventsServices} to the {@code events} plugin's component (a service of this bundle's own type).
 * Withdrawing it (this bundle or Event Admin stopping) restarts the plugins using it; their subscriptions end.
 */
@Component(immediate = true, service = EventsServiceComponent.class)
public final class EventsServiceComponent {

    @Reference
    private EventAdmin eventAdmin;

    private EventsServices services;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        services = new EventsServices(new EventAdminBus(context, eventAdmin));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", "core.events");
        registration = context.registerService(ServiceFactory.class.getName(), services.factory(), properties);
    }

    EventsServices services() {
        return services;
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
