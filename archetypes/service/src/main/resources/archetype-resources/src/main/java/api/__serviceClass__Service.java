package ${package}.api;

import org.osgi.annotation.versioning.ProviderType;

import dev.backline.plugin.api.ServiceRef;

/**
 * A plugin-scoped service: each plugin that lists {@link #REF} among its dependencies gets its own instance.
 * Configured by {@code ${serviceId}.greeting} (default {@code Hello}).
 */
@ProviderType
public interface ${serviceClass}Service {

    /** The service reference plugins and modules depend on. */
    ServiceRef<${serviceClass}Service> REF = ServiceRef.plugin("${serviceId}", ${serviceClass}Service.class);

    /** A greeting for {@code name}, signed by the plugin that asks. */
    String greet(String name);
}
