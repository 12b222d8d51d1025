package dev.backline.example.catalog.processor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;

import dev.backline.example.catalog.api.CatalogProcessingExtensionPoint;
import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BacklineModule;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.DatabaseService;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The seed's {@code catalogModuleExampleCustomProcessor}: adds a processor (which logs through the shared
 * logger) and serves its validators under {@code /api/catalog/modules/example-custom-processor/v1/validators}.
 * It records every validation in its own table of the catalog's database, created by its own migrations
 * with their own history table ({@code example_custom_processor__flyway_schema_history}), and reports the
 * counts under {@code .../v1/validations}.
 */
@Component(service = BackendModule.class)
@BacklineModule(pluginId = "catalog", moduleId = CatalogModuleExampleCustomProcessor.MODULE_ID)
public final class CatalogModuleExampleCustomProcessor implements BackendModule {

    static final String MODULE_ID = "example-custom-processor";
    static final List<String> VALIDATORS = List.of("metadata.name is required", "spec.owner is required");

    /** {@code GET .../v1/validations}: how many entities were validated, and how many had problems. */
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Routes {
        private final ValidationLog validations;

        Routes(ValidationLog validations) {
            this.validations = validations;
        }

        @GET
        @Path("validations")
        public Map<String, Long> validations() throws SQLException {
            long[] counts = validations.counts();
            return Map.of("validations", counts[0], "withProblems", counts[1]);
        }

        @GET
        @Path("validators")
        public Map<String, List<String>> validators() {
            return Map.of("validators", VALIDATORS);
        }
    }

    @Override
    public void register(Registrar env) {
        env.registerInit(List.of(CatalogProcessingExtensionPoint.REF, CoreServices.LOGGER, CoreServices.HTTP_ROUTER,
                        CoreServices.DATABASE, CoreServices.CONFIG),
                deps -> {
                    LoggerService logger = deps.get(CoreServices.LOGGER).child(Map.of("module", MODULE_ID));
                    // Typed by this bundle's config.schema.json, which the host checks before this init runs.
                    boolean requireOwner = deps.get(CoreServices.CONFIG)
                            .getOptionalBoolean("catalog.exampleCustomProcessor.requireOwner").orElse(true);
                    DatabaseService database = deps.get(CoreServices.DATABASE);
                    database.migrate(DatabaseMigrations.forModule(MODULE_ID, CatalogModuleExampleCustomProcessor.class));
                    ValidationLog validations = new ValidationLog(database.getClient());
                    deps.get(CatalogProcessingExtensionPoint.REF).addProcessor(new ExampleCustomProcessor(logger, validations, requireOwner));
                    deps.get(CoreServices.HTTP_ROUTER).useResources("/modules/" + MODULE_ID + "/v1", new Routes(validations));
                    // Both routes only read: open to anyone, by the module's own choice.
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(
                            new HttpAuthPolicy("/modules/" + MODULE_ID + "/v1", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                });
    }

    /** Requires a name, and an owner unless catalog.exampleCustomProcessor.requireOwner is false. */
    private static final class ExampleCustomProcessor implements CatalogProcessor {
        private final LoggerService logger;
        private final ValidationLog validations;
        private final boolean requireOwner;

        ExampleCustomProcessor(LoggerService logger, ValidationLog validations, boolean requireOwner) {
            this.logger = logger;
            this.validations = validations;
            this.requireOwner = requireOwner;
        }

        @Override
        public String name() {
            return "ExampleCustomProcessor";
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> validate(Map<String, Object> entity) {
            List<String> problems = new ArrayList<>();
            Object metadata = entity.get("metadata");
            if (!(metadata instanceof Map<?, ?> m) || m.get("name") == null) {
                problems.add(VALIDATORS.get(0));
            }
            Object spec = entity.get("spec");
            if (requireOwner && (!(spec instanceof Map<?, ?> s) || ((Map<String, Object>) s).get("owner") == null)) {
                problems.add(VALIDATORS.get(1));
            }
            logger.debug("Validated an entity", Map.of("problems", problems.size()));
            Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
            try {
                validations.record(name == null ? null : name.toString(), problems.size());
            } catch (SQLException e) {
                // Validation itself succeeded; only its record is lost.
                logger.warn("Could not record a validation", e);
            }
            return problems;
        }
    }
}
