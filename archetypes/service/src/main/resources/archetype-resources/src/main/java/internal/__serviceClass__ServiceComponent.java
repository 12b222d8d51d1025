package ${package}.internal;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.backline.plugin.api.ServiceFactory;

/** Publishes the factory as an OSGi service, which the Backline host adds for every plugin while this bundle runs. */
@Component(immediate = true)
public final class ${serviceClass}ServiceComponent {

    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        ServiceFactory<?> factory = ${serviceClass}ServiceFactory.create();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", factory.service().id());
        registration = context.registerService(ServiceFactory.class.getName(), factory, properties);
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
