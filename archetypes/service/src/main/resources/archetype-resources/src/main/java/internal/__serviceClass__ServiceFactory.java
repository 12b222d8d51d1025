package ${package}.internal;

import static dev.backline.plugin.api.services.CoreServices.*;

import ${package}.api.${serviceClass}Service;
import dev.backline.plugin.api.ServiceFactory;

/** Creates each plugin's {@link ${serviceClass}Service}; plain Java, so it is tested without OSGi. */
public final class ${serviceClass}ServiceFactory {

    private ${serviceClass}ServiceFactory() {
    }

    public static ServiceFactory<${serviceClass}Service> create() {
        return ServiceFactory.of(${serviceClass}Service.REF)
                .deps(CONFIG, PLUGIN_METADATA, LOGGER)
                .factory(deps -> {
                    String greeting = deps.get(CONFIG).getOptionalString("${serviceId}.greeting").orElse("Hello");
                    String pluginId = deps.get(PLUGIN_METADATA).getId();
                    deps.get(LOGGER).debug("${serviceId} ready");
                    return name -> greeting + ", " + name + " (from " + pluginId + ")";
                });
    }
}
