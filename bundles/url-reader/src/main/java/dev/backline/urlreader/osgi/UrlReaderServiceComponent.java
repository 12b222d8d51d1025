package dev.backline.urlreader.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.UrlReaderProvider;
import dev.backline.urlreader.core.UrlReaderServiceFactory;

/**
 * Publishes the {@code core.urlReader} factory, which the host adds for every plugin, and keeps the
 * {@link UrlReaderProvider} services of reader bundles in service ranking order (highest first, then the oldest).
 * Providers come and go without restarting plugins: every read asks the current ones.
 */
@Component(immediate = true)
public final class UrlReaderServiceComponent {

    private final Map<ServiceReference<UrlReaderProvider>, UrlReaderProvider> bound = new HashMap<>();
    private volatile List<UrlReaderProvider> ranked = List.of();
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", "core.urlReader");
        registration = context.registerService(ServiceFactory.class.getName(),
                UrlReaderServiceFactory.create(() -> ranked), properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it with the bundle
        }
    }

    @Reference(service = UrlReaderProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeProvider", updated = "updatedProvider")
    synchronized void addProvider(ServiceReference<UrlReaderProvider> reference, UrlReaderProvider provider) {
        bound.put(reference, provider);
        rank();
    }

    synchronized void removeProvider(ServiceReference<UrlReaderProvider> reference) {
        bound.remove(reference);
        rank();
    }

    /** A changed service.ranking reorders. */
    synchronized void updatedProvider(ServiceReference<UrlReaderProvider> reference) {
        rank();
    }

    /** The providers as reads ask them, highest ranking first. */
    List<UrlReaderProvider> providers() {
        return ranked;
    }

    private void rank() {
        List<ServiceReference<UrlReaderProvider>> references = new ArrayList<>(bound.keySet());
        references.sort((a, b) -> b.compareTo(a)); // compareTo ranks the highest ranking, then lowest id, last
        List<UrlReaderProvider> providers = new ArrayList<>(references.size());
        references.forEach(reference -> providers.add(bound.get(reference)));
        ranked = List.copyOf(providers);
    }
}
