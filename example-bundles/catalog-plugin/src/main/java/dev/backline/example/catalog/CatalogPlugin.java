package dev.backline.example.catalog;

import static dev.backline.plugin.api.services.CoreServices.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Component;

import dev.backline.example.catalog.api.CatalogProcessingExtensionPoint;
import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.BacklinePlugin;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.HttpAuthPolicy;

/**
 * The example catalog: provides {@code catalog.processing}, keeps entities in its own database (created by the
 * migrations in {@code db/migration} of this bundle), refreshes them on a global schedule and caches the summary
 * ({@link CatalogRefresh}), and serves {@link CatalogResource} under {@code /api/catalog}.
 */
@Component(service = BackendPlugin.class)
@BacklinePlugin("catalog")
public final class CatalogPlugin implements BackendPlugin {

    /** How often the entities are refreshed unless {@code catalog.refresh.interval} says otherwise. */
    static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> ENTITY_TYPE = new TypeReference<>() { };

    @Override
    public void register(Registrar env) {
        var processors = env.<CatalogProcessor>newRegistrations(CatalogProcessingExtensionPoint.REF);
        env.registerExtensionPoint(CatalogProcessingExtensionPoint.REF, processors::add);
        env.registerInit(List.of(LOGGER, HTTP_ROUTER, DATABASE, HTTP_AUTH, CONFIG, SCHEDULER, CACHE, AUDITOR, EVENTS, PERMISSIONS,
                PERMISSIONS_REGISTRY), deps -> {
            deps.get(LOGGER).info("Catalog processors: " + processors.items().stream().map(CatalogProcessor::name).toList());
            var database = deps.get(DATABASE);
            database.migrate(DatabaseMigrations.forPlugin(CatalogPlugin.class));
            var store = new CatalogStore(database.getClient());
            deps.get(PERMISSIONS_REGISTRY).addResourceType(CatalogPermissions.ENTITY, List.of(CatalogPermissions.ENTITY_READ),
                    List.of(CatalogPermissions.IS_ENTITY_KIND), refs -> {
                        Map<String, Map<String, Object>> entities = new HashMap<>();
                        for (var stored : store.byRefs(refs).entrySet()) {
                            entities.put(stored.getKey(), JSON.readValue(stored.getValue(), ENTITY_TYPE));
                        }
                        return entities;
                    });
            var refresh = new CatalogRefresh(store, processors, deps.get(CACHE), deps.get(LOGGER),
                    deps.get(CONFIG).getOptionalDuration("catalog.refresh.interval").orElse(DEFAULT_REFRESH_INTERVAL));
            refresh.schedule(deps.get(SCHEDULER));
            var router = deps.get(HTTP_ROUTER);
            router.useResources(new CatalogResource(store, processors, refresh, deps.get(HTTP_AUTH), deps.get(AUDITOR),
                    deps.get(EVENTS), deps.get(PERMISSIONS), deps.get(PERMISSIONS_REGISTRY), deps.get(LOGGER)));
            // Reading is open to anyone; POST /entities checks credentials itself.
            router.addAuthPolicy(new HttpAuthPolicy("/entities", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            router.addAuthPolicy(new HttpAuthPolicy("/processors", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            router.addAuthPolicy(new HttpAuthPolicy("/summary", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        });
    }
}
