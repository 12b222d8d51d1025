package dev.backline.database.osgi;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;

import dev.backline.database.core.DatabaseManager;
import dev.backline.database.core.DatabaseServiceFactory;
import dev.backline.database.core.JdbcDrivers;
import dev.backline.plugin.api.ServiceFactory;

/**
 * Publishes the {@code core.database} service factory, which the host picks up for every plugin, and
 * feeds it the JDBC drivers' {@link DataSourceFactory} services. When this bundle stops, the factory is
 * withdrawn first (the host stops the plugins using it, which closes their pools) and then every pool
 * left is closed.
 */
@Component(immediate = true)
public final class DatabaseServiceComponent {

    private final JdbcDrivers drivers = new JdbcDrivers();
    private DatabaseManager manager;
    private ServiceRegistration<?> registration;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(DataSourceFactory factory, Map<String, Object> properties) {
        Object driverClass = properties.get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS);
        if (driverClass != null) {
            drivers.add(driverClass.toString(), factory);
        }
    }

    void removeDriver(DataSourceFactory factory, Map<String, Object> properties) {
        Object driverClass = properties.get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS);
        if (driverClass != null) {
            drivers.remove(driverClass.toString(), factory);
        }
    }

    @Activate
    void activate(BundleContext context) {
        manager = new DatabaseManager(drivers, new BundleMigrationResources());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("backline.service.id", "core.database");
        registration = context.registerService(ServiceFactory.class.getName(), DatabaseServiceFactory.create(manager), properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        manager.close();
    }
}
