package ${package};

import static dev.backline.plugin.api.services.CoreServices.*;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BacklineModule;
import dev.backline.plugin.api.Registrar;

/**
 * The ${moduleId} module of the ${pluginId} plugin: starts with that plugin (and restarts with it), shares its service
 * instances, and serves {@link ${moduleClass}Resource} under {@code /api/${pluginId}/modules/${moduleId}}. To use one of
 * the plugin's extension points, depend on the plugin's extension point library and list its {@code REF} below.
 */
@Component(service = BackendModule.class)
@BacklineModule(pluginId = "${pluginId}", moduleId = "${moduleId}")
public final class ${moduleClass}Module implements BackendModule {

    @Override
    public void register(Registrar env) {
        env.registerInit(List.of(LOGGER, HTTP_ROUTER), deps -> {
            deps.get(HTTP_ROUTER).useResources("/modules/${moduleId}", new ${moduleClass}Resource());
            deps.get(LOGGER).info("Module ${moduleId} started");
        });
    }
}
