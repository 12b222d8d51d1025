package dev.backline.example.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.example.catalog.CatalogPermissions.SqlFilter;
import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.permission.AuthorizePermissionRequest;
import dev.backline.plugin.api.permission.AuthorizeResult;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.QueryPermissionRequest;
import dev.backline.plugin.api.services.AuditorEventOptions;
import dev.backline.plugin.api.services.AuditorService;
import dev.backline.plugin.api.services.AuditorServiceEvent;
import dev.backline.plugin.api.services.AuditorSeverity;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsService;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.PermissionsRegistryService;
import dev.backline.plugin.api.services.PermissionsService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * {@code GET /entities} lists the stored entities the caller may read ({@code catalog.entity.read}, see
 * {@link CatalogPermissions}) a page at a time ({@code ?limit=&offset=}), open to anyone;
 * {@code GET /entities/by-name/<kind>/<name>} is one of them;
 * {@code POST /entities} needs a user's or a service's credentials and a JSON object, validates it with every
 * processor the modules added and stores it when none finds a problem (400 with the problems otherwise), as an
 * audit event {@code entity-store}, and publishes {@link #ENTITY_STORED};
 * {@code GET /summary} is the summary the last refresh cached; {@code GET /processors} names the processors.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class CatalogResource {

    /** The page size when none is asked for, and the largest one given. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** A page of entities. */
    public record Page(List<Object> items, int totalItems, int offset, int limit) { }

    /** The topic of the event published for each stored entity; its payload has {@code entityRef} and {@code entity}. */
    public static final String ENTITY_STORED = "catalog.entity.stored";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogStore store;
    private final ExtensionPointRegistrations<CatalogProcessor> processors;
    private final CatalogRefresh refresh;
    private final HttpAuthService httpAuth;
    private final AuditorService auditor;
    private final EventsService events;
    private final PermissionsService permissions;
    private final PermissionsRegistryService permissionsRegistry;
    private final LoggerService logger;

    CatalogResource(CatalogStore store, ExtensionPointRegistrations<CatalogProcessor> processors, CatalogRefresh refresh,
            HttpAuthService httpAuth, AuditorService auditor, EventsService events, PermissionsService permissions,
            PermissionsRegistryService permissionsRegistry, LoggerService logger) {
        this.auditor = auditor;
        this.events = events;
        this.permissions = permissions;
        this.permissionsRegistry = permissionsRegistry;
        this.store = store;
        this.processors = processors;
        this.refresh = refresh;
        this.httpAuth = httpAuth;
        this.logger = logger;
    }

    @GET
    @Path("entities")
    public Page entities(@Context HttpServletRequest request, @QueryParam("limit") String limitParam,
            @QueryParam("offset") String offsetParam) throws Exception {
        int limit = Math.min(wholeNumber("limit", limitParam, DEFAULT_LIMIT), MAX_LIMIT);
        int offset = wholeNumber("offset", offsetParam, 0);
        // The policy's answer for the whole list: all, none, or conditions that become the query's filter.
        PolicyDecision decision = permissions.authorizeConditional(
                List.of(QueryPermissionRequest.of(CatalogPermissions.ENTITY_READ)), httpAuth.credentials(request)).get(0);
        SqlFilter filter = decision instanceof PolicyDecision.Conditional conditional ? filterOf(conditional)
                : decision.result() == AuthorizeResult.ALLOW ? SqlFilter.ALL : SqlFilter.NONE;
        List<Object> items = new ArrayList<>();
        for (String body : store.page(filter, limit, offset)) {
            items.add(JSON.readValue(body, Object.class));
        }
        return new Page(items, store.count(filter), offset, limit);
    }

    /** The policy's conditions as the query's filter; nothing at all when the catalog cannot apply them. */
    private SqlFilter filterOf(PolicyDecision.Conditional conditional) {
        if (!conditional.pluginId().equals(CatalogPermissions.ENTITY.pluginId())
                || !conditional.resourceType().equals(CatalogPermissions.ENTITY.resourceType())) {
            logger.error("The permission policy answered " + CatalogPermissions.ENTITY_READ.name() + " with conditions for '"
                    + conditional.pluginId() + "' resource type '" + conditional.resourceType() + "'; nothing is listed");
            return SqlFilter.NONE;
        }
        try {
            return CatalogPermissions.toSql(permissionsRegistry.getPermissionRuleset(CatalogPermissions.ENTITY)
                    .toQuery(conditional.conditions()));
        } catch (IllegalArgumentException unusable) {
            logger.error("The permission policy's conditions for " + CatalogPermissions.ENTITY_READ.name()
                    + " cannot be applied; nothing is listed: " + unusable.getMessage());
            return SqlFilter.NONE;
        }
    }

    /** One entity; 404 both when there is none and when the caller may not read it, so nothing leaks. */
    @GET
    @Path("entities/by-name/{kind}/{name}")
    public Object entity(@Context HttpServletRequest request, @PathParam("kind") String kind, @PathParam("name") String name)
            throws Exception {
        String ref = CatalogStore.ref(kind, name);
        if (!permissions.authorize(AuthorizePermissionRequest.of(CatalogPermissions.ENTITY_READ, ref),
                httpAuth.credentials(request)).allowed()) {
            throw new NotFoundError("No entity '" + ref + "'");
        }
        String body = store.byRefs(List.of(ref)).get(ref);
        if (body == null) {
            throw new NotFoundError("No entity '" + ref + "'");
        }
        return JSON.readValue(body, Object.class);
    }

    @POST
    @Path("entities")
    // Only JSON (415 otherwise): text/plain is what a web page can post without a CORS preflight.
    @Consumes(MediaType.APPLICATION_JSON)
    public Response store(@Context HttpServletRequest request, Map<String, Object> entity) throws Exception {
        // The path is open for reading; writing needs credentials, checked here.
        BackstageCredentials caller = httpAuth.credentials(request, PrincipalType.USER, PrincipalType.SERVICE);
        if (entity == null) {
            throw new InputError("The body must be a JSON object");
        }
        // The catalog's own checks first, then every processor's; the same problem is reported once.
        Set<String> problems = new LinkedHashSet<>();
        Object kind = entity.get("kind");
        if (kind == null) {
            problems.add("kind is required");
        }
        Object name = entity.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        if (name == null) {
            problems.add("metadata.name is required");
        }
        for (CatalogProcessor processor : processors.items()) {
            problems.addAll(processor.validate(entity));
        }
        // as the store keys it (and the by-name route and permission checks take it): the kind in lower case
        String entityRef = kind == null || name == null ? String.valueOf(kind) + ":" + name
                : CatalogStore.ref(kind.toString(), name.toString());
        AuditorServiceEvent audit = auditor.createEvent(AuditorEventOptions.of("entity-store")
                .severity(AuditorSeverity.MEDIUM).request(request).meta(Map.of("entityRef", entityRef)));
        if (!problems.isEmpty()) {
            audit.fail(new InputError("Invalid entity"), Map.of("problems", List.copyOf(problems)));
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("problems", problems)).build();
        }
        try {
            store.put(kind.toString(), name.toString(), JSON.writeValueAsString(entity));
        } catch (Exception e) {
            audit.fail(e);
            throw e;
        }
        audit.success();
        events.publish(EventParams.of(ENTITY_STORED, Map.of("entityRef", entityRef, "entity", entity)));
        logger.info("Stored entity " + kind + ":" + name, Map.of("by", describe(caller)));
        return Response.status(Response.Status.CREATED).entity(entity).build();
    }

    /** The summary the last refresh cached, and which instance serves it; 503 before the first refresh. */
    public record SummaryView(CatalogRefresh.Summary summary, String servedBy) { }

    @GET
    @Path("summary")
    public SummaryView summary() {
        return new SummaryView(refresh.summary().orElseThrow(() -> new ServiceUnavailableError(
                "The catalog has not been refreshed yet; it refreshes every " + refresh.interval())), CatalogRefresh.INSTANCE);
    }

    @GET
    @Path("processors")
    public List<String> processors() {
        return processors.items().stream().map(CatalogProcessor::name).toList();
    }

    private static int wholeNumber(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InputError("Query parameter '" + name + "' must be a whole number of 0 or more, got '" + value + "'");
    }

    private static String describe(BackstageCredentials credentials) {
        return credentials.principal() instanceof BackstagePrincipal.Service service ? service.subject()
                : credentials.principal() instanceof BackstagePrincipal.User user ? user.userEntityRef() : "nobody";
    }
}
