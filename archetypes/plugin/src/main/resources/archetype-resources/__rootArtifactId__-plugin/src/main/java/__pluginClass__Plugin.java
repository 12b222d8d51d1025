package ${package};

import static dev.backline.plugin.api.services.CoreServices.*;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import ${package}.api.${pluginClass}ExtensionPoint;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.BacklinePlugin;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.DatabaseMigrations;

/**
 * The ${pluginId} plugin: provides {@code ${pluginId}.items} to its modules, keeps items in its own database (created
 * by {@code db/migration} in this bundle) and serves {@link ${pluginClass}Resource} under {@code /api/${pluginId}}.
 * Every route needs credentials (a user's or a service's); open one with an {@code HttpAuthPolicy}.
 */
@Component(service = BackendPlugin.class)
@BacklinePlugin("${pluginId}")
public final class ${pluginClass}Plugin implements BackendPlugin {

    @Override
    public void register(Registrar env) {
        var contributed = env.<${pluginClass}ExtensionPoint.Item>newRegistrations(${pluginClass}ExtensionPoint.REF);
        env.registerExtensionPoint(${pluginClass}ExtensionPoint.REF, contributed::add);
        env.registerInit(List.of(LOGGER, HTTP_ROUTER, DATABASE, CONFIG), deps -> {
            var database = deps.get(DATABASE);
            database.migrate(DatabaseMigrations.forPlugin(${pluginClass}Plugin.class));
            int maxTitleLength = deps.get(CONFIG).getOptionalInt("${pluginId}.maxTitleLength").orElse(200);
            deps.get(HTTP_ROUTER).useResources(new ${pluginClass}Resource(database.getClient(), contributed, maxTitleLength));
            deps.get(LOGGER).info("Started with " + contributed.items().size() + " contributed item(s)");
        });
    }
}
