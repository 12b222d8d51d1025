package dev.backline.auth.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.backline.auth.core.AuthServiceFactories;
import dev.backline.plugin.api.ServiceFactory;

/** Publishes the {@code core.auth} and {@code core.httpAuth} factories, which the host adds for every plugin. */
@Component(immediate = true)
public final class AuthServicesComponent {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        for (ServiceFactory<?> factory : AuthServiceFactories.create()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("backline.service.id", factory.service().id());
            registrations.add(context.registerService(ServiceFactory.class.getName(), factory, properties));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it with the bundle
            }
        }
    }
}
