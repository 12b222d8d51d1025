package dev.backline.permissions.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.backline.permissions.core.PermissionSystem;
import dev.backline.permissions.core.RankedPolicies;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.permission.PermissionPolicy;

/**
 * Publishes the {@code core.permissions} and {@code core.permissionsRegistry} factories, which the host adds for every
 * plugin, and tracks the {@link PermissionPolicy} services: the highest ranked decides, and a policy bundle coming,
 * going or being updated changes the decisions at once without restarting any plugin (the services ask for the
 * policy at every check). It is a service of this bundle for {@link PermissionPluginComponent}.
 */
@Component(immediate = true, service = PermissionsComponent.class)
public final class PermissionsComponent {

    private final RankedPolicies policies = new RankedPolicies();
    private final PermissionSystem system = new PermissionSystem(policies);
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removePolicy", updated = "updatedPolicy")
    void addPolicy(PermissionPolicy policy, Map<String, Object> properties) {
        policies.put(serviceId(properties), ranking(properties), policy);
    }

    void updatedPolicy(PermissionPolicy policy, Map<String, Object> properties) {
        policies.put(serviceId(properties), ranking(properties), policy);
    }

    void removePolicy(PermissionPolicy policy, Map<String, Object> properties) {
        policies.remove(serviceId(properties));
    }

    @Activate
    void activate(BundleContext context) {
        for (ServiceFactory<?> factory : system.serviceFactories()) {
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

    PermissionSystem system() {
        return system;
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
    }

    private static int ranking(Map<String, Object> properties) {
        // service.ranking is an Integer by the specification; anything else ranks as the default
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }
}
