package dev.backline.example.catalog;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.example.catalog.api.CatalogProcessingExtensionPoint;
import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.DatabaseService;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpRouterService;

/**
 * The seed's catalog plugin, reduced to what shows the wiring: it provides {@code catalog.processing},
 * logs the processors its modules added, and lists them at {@code /api/catalog/processors}. It keeps
 * entities in its own database, created by its own migrations ({@code db/migration} in this bundle), and
 * serves them at {@code /api/catalog/entities}.
 */
@Component(service = BackendPlugin.class, property = "backline.plugin.id=catalog")
public final class CatalogPlugin implements BackendPlugin {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String pluginId() {
        return "catalog";
    }

    @Override
    public void register(Registrar env) {
        ExtensionPointRegistrations<CatalogProcessor> processors = env.newRegistrations(CatalogProcessingExtensionPoint.REF);
        env.registerExtensionPoint(CatalogProcessingExtensionPoint.REF, processors::add);
        env.registerInit(List.of(CoreServices.LOGGER, CoreServices.HTTP_ROUTER, CoreServices.DATABASE, CoreServices.HTTP_AUTH), deps -> {
            deps.get(CoreServices.LOGGER).info("Catalog processors: "
                    + processors.items().stream().map(CatalogProcessor::name).toList());
            DatabaseService database = deps.get(CoreServices.DATABASE);
            database.migrate(DatabaseMigrations.forPlugin(CatalogPlugin.class));
            HttpRouterService router = deps.get(CoreServices.HTTP_ROUTER);
            router.use("/entities", new EntitiesServlet(new CatalogStore(database.getClient()), processors,
                    deps.get(CoreServices.HTTP_AUTH), deps.get(CoreServices.LOGGER)));
            router.use("/processors", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.setContentType("application/json");
                    JSON.writeValue(resp.getOutputStream(), processors.items().stream().map(CatalogProcessor::name).toList());
                }
            });
            // Reading is open to anyone; POST /entities checks credentials itself.
            router.addAuthPolicy(new HttpAuthPolicy("/entities", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            router.addAuthPolicy(new HttpAuthPolicy("/processors", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        });
    }
}
