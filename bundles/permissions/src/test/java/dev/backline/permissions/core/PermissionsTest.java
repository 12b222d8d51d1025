package dev.backline.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.permission.AuthorizePermissionRequest;
import dev.backline.plugin.api.permission.AuthorizeResult;
import dev.backline.plugin.api.permission.BasicPermission;
import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionAttributes.Action;
import dev.backline.plugin.api.permission.PermissionCondition;
import dev.backline.plugin.api.permission.PermissionCriteria;
import dev.backline.plugin.api.permission.PermissionPolicy;
import dev.backline.plugin.api.permission.PermissionResourceRef;
import dev.backline.plugin.api.permission.PermissionRule;
import dev.backline.plugin.api.permission.PermissionRuleset;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.PolicyQueryUser;
import dev.backline.plugin.api.permission.QueryPermissionRequest;
import dev.backline.plugin.api.permission.ResourcePermission;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.BackstageUserInfo;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.PermissionsRegistryService;
import dev.backline.plugin.api.services.PermissionsService;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.logging.LogLine;

/**
 * {@code core.permissions} and {@code core.permissionsRegistry} in backends of the wiring core: a {@code catalog}
 * plugin owning the resource type {@code catalog-entity}, a {@code search} plugin asking about its entities.
 */
class PermissionsTest {

    /** The catalog's resource and its rules' query type, a predicate. */
    record Entity(String ref, String kind, String owner) {
    }

    static final PermissionResourceRef<Entity, Predicate<Entity>> ENTITY = PermissionResourceRef.of("catalog", "catalog-entity");
    static final ResourcePermission ENTITY_READ = Permission.resource("catalog.entity.read", ENTITY, Action.READ);
    static final BasicPermission ENTITY_CREATE = Permission.basic("catalog.entity.create", Action.CREATE);

    @SuppressWarnings("unchecked")
    static final PermissionRule<Entity, Predicate<Entity>> IS_ENTITY_KIND = PermissionRule.of(ENTITY, "IS_ENTITY_KIND",
            "The entity is of one of the kinds",
            (entity, params) -> ((List<String>) params.get("kinds")).contains(entity.kind()),
            params -> entity -> ((List<String>) params.get("kinds")).contains(entity.kind()));
    static final PermissionRule<Entity, Predicate<Entity>> IS_OWNED_BY = PermissionRule.of(ENTITY, "IS_OWNED_BY",
            "The entity is owned by the owner",
            (entity, params) -> entity.owner().equals(params.get("owner")),
            params -> entity -> entity.owner().equals(params.get("owner")));

    static final Map<String, Entity> ENTITIES = List.of(
            new Entity("component:default/web", "Component", "team-a"),
            new Entity("api:default/orders", "API", "team-b"),
            new Entity("secret:default/db-password", "Secret", "team-a"),
            new Entity("component:default/billing", "Component", "team-b"))
            .stream().collect(Collectors.toMap(Entity::ref, entity -> entity));

    static final BackstageCredentials JANE = credentials(new BackstagePrincipal.User("user:default/jane"));
    static final BackstageCredentials SERVICE = credentials(new BackstagePrincipal.Service("plugin:scaffolder"));
    static final BackstageCredentials NOBODY = credentials(new BackstagePrincipal.None());

    static BackstageCredentials credentials(BackstagePrincipal principal) {
        return new BackstageCredentials() {
            @Override
            public BackstagePrincipal principal() {
                return principal;
            }

            @Override
            public Optional<Instant> expiresAt() {
                return Optional.empty();
            }
        };
    }

    /** A policy that records what it is asked and answers with {@code answer}. */
    static final class RecordingPolicy implements PermissionPolicy {
        final List<String> asked = new CopyOnWriteArrayList<>();
        final List<Optional<PolicyQueryUser>> users = new CopyOnWriteArrayList<>();
        private final java.util.function.Function<String, PolicyDecision> answer;

        RecordingPolicy(java.util.function.Function<String, PolicyDecision> answer) {
            this.answer = answer;
        }

        @Override
        public PolicyDecision handle(dev.backline.plugin.api.permission.PolicyQuery query, PolicyQueryUser user) {
            asked.add(query.permission().name());
            users.add(Optional.ofNullable(user));
            return answer.apply(query.permission().name());
        }
    }

    /** Kinds other than Secret, as the example policy answers catalog.entity.read. */
    static final PolicyDecision NO_SECRETS = PolicyDecision.conditional(ENTITY,
            PermissionCriteria.not(PermissionCriteria.of(IS_ENTITY_KIND.condition(Map.of("kinds", List.of("Secret"))))));

    private final CapturingLogger logs = new CapturingLogger(LogLevel.DEBUG);
    private final List<Backend> backends = new ArrayList<>();
    private final Map<String, PermissionsService> permissions = new ConcurrentHashMap<>();
    private final Map<String, PermissionsRegistryService> registries = new ConcurrentHashMap<>();
    private final List<List<String>> loads = new CopyOnWriteArrayList<>();
    private PermissionSystem system;

    @AfterEach
    void stop() {
        backends.forEach(Backend::stop);
    }

    /** A backend with the catalog (registering its resource type), search and the permission plugin. */
    private Backend start(Map<String, ?> config, PolicySource policies) {
        system = new PermissionSystem(policies);
        Backend.Builder builder = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(config, "test")))
                .logger(logs)
                .add(ServiceFactory.of(CoreServices.USER_INFO).factory(deps -> credentials -> {
                    String ref = ((BackstagePrincipal.User) credentials.principal()).userEntityRef();
                    return new BackstageUserInfo(ref, List.of(ref, "group:default/team-a"));
                }))
                .add(ServiceFactory.of(CoreServices.HTTP_AUTH).factory(deps -> (request, allow) -> JANE))
                // core.permissions depends on it for a remote policy; the policy here is local
                .add(ServiceFactory.of(CoreServices.AUTH).factory(deps -> new RemotePolicyTest.TokenPerUser()))
                .add(BackendPlugin.create("catalog", env -> env.registerInit(
                        List.of(CoreServices.PERMISSIONS, CoreServices.PERMISSIONS_REGISTRY), deps -> {
                            PermissionsRegistryService registry = deps.get(CoreServices.PERMISSIONS_REGISTRY);
                            registry.addResourceType(ENTITY, List.of(ENTITY_READ), List.of(IS_ENTITY_KIND), refs -> {
                                loads.add(refs);
                                return refs.stream().filter(ENTITIES::containsKey)
                                        .collect(Collectors.toMap(ref -> ref, ENTITIES::get));
                            });
                            registry.addPermissionRules(List.of(IS_OWNED_BY));
                            registry.addPermissions(List.of(ENTITY_CREATE));
                            permissions.put("catalog", deps.get(CoreServices.PERMISSIONS));
                            registries.put("catalog", registry);
                        })))
                .add(BackendPlugin.create("search", env -> env.registerInit(List.of(CoreServices.PERMISSIONS),
                        deps -> permissions.put("search", deps.get(CoreServices.PERMISSIONS)))))
                .add(system.plugin());
        system.serviceFactories().forEach(builder::add);
        Backend backend = builder.build();
        backends.add(backend);
        backend.start();
        return backend;
    }

    private static Map<String, Object> enabled() {
        return Map.of("permission", Map.of("enabled", true));
    }

    private static List<AuthorizeResult> results(List<? extends PolicyDecision> decisions) {
        return decisions.stream().map(PolicyDecision::result).toList();
    }

    @Test
    void disabledOrAbsentAllowsEverythingWithoutAskingThePolicy() {
        RecordingPolicy denyAll = new RecordingPolicy(name -> PolicyDecision.deny());
        Backend backend = start(Map.of(), PolicySource.of(denyAll));
        assertEquals(List.of("/authorize"), backend.routes().plugin("permission").orElseThrow().paths());
        assertEquals(List.of(AuthorizeResult.ALLOW, AuthorizeResult.ALLOW), results(permissions.get("search").authorize(
                List.of(AuthorizePermissionRequest.of(ENTITY_CREATE),
                        AuthorizePermissionRequest.of(ENTITY_READ, "secret:default/db-password")), JANE)));
        assertEquals(List.of(AuthorizeResult.ALLOW), results(permissions.get("search").authorizeConditional(
                List.of(QueryPermissionRequest.of(ENTITY_READ)), JANE)));
        assertTrue(logs.contains("Permissions are disabled"), logs.messages().toString());
        stop();

        start(Map.of("permission", Map.of("enabled", false)), PolicySource.of(denyAll));
        assertEquals(AuthorizeResult.ALLOW, permissions.get("search")
                .authorize(AuthorizePermissionRequest.of(ENTITY_CREATE), JANE).result());
        assertEquals(List.of(), denyAll.asked, "the policy was asked");
    }

    @Test
    void enabledWithoutAPolicyDeniesEverythingAndWarnsOnceUntilAPolicyCameAndWent() {
        RankedPolicies policies = new RankedPolicies();
        start(enabled(), policies);
        PermissionsService search = permissions.get("search");
        for (int i = 0; i < 3; i++) {
            assertEquals(AuthorizeResult.DENY, search.authorize(AuthorizePermissionRequest.of(ENTITY_CREATE), JANE).result());
        }
        assertEquals(List.of(AuthorizeResult.DENY), results(search.authorizeConditional(
                List.of(QueryPermissionRequest.of(ENTITY_READ)), JANE)));
        assertEquals(1, warningsWithoutPolicy(), logs.messages().toString());

        // a policy arrives (a bundle installed): it decides from the next check on, no restart needed
        policies.put(7, 0, new RecordingPolicy(name -> PolicyDecision.allow()));
        assertEquals(AuthorizeResult.ALLOW, search.authorize(AuthorizePermissionRequest.of(ENTITY_CREATE), JANE).result());
        policies.remove(7);
        assertEquals(AuthorizeResult.DENY, search.authorize(AuthorizePermissionRequest.of(ENTITY_CREATE), JANE).result());
        assertEquals(2, warningsWithoutPolicy(), "gone again: worth one more warning");
    }

    private long warningsWithoutPolicy() {
        return logs.lines(LogLevel.WARN).stream().filter(line -> line.message().contains("no permission policy is installed"))
                .count();
    }

    @Test
    void thePolicyDecidesByPermissionNameAndSeesTheUserWithItsInfo() {
        RecordingPolicy policy = new RecordingPolicy(name -> name.equals("catalog.entity.create") ? PolicyDecision.deny()
                : PolicyDecision.allow());
        start(enabled(), PolicySource.of(policy));
        BasicPermission other = Permission.basic("search.index.read", Action.READ);
        assertEquals(List.of(AuthorizeResult.DENY, AuthorizeResult.ALLOW), results(permissions.get("search").authorize(
                List.of(AuthorizePermissionRequest.of(ENTITY_CREATE), AuthorizePermissionRequest.of(other)), JANE)));
        assertEquals(List.of("catalog.entity.create", "search.index.read"), policy.asked);
        PolicyQueryUser user = policy.users.get(0).orElseThrow();
        assertEquals(JANE, user.credentials());
        assertEquals(Optional.of(new BackstageUserInfo("user:default/jane", List.of("user:default/jane",
                "group:default/team-a"))), user.info());

        // nobody's credentials: the policy gets no user
        policy.users.clear();
        assertEquals(AuthorizeResult.ALLOW, permissions.get("search").authorize(AuthorizePermissionRequest.of(other),
                NOBODY).result());
        assertEquals(List.of(Optional.empty()), policy.users);
    }

    @Test
    void aServicesCredentialsAreAllowedWithoutAskingThePolicy() {
        RecordingPolicy denyAll = new RecordingPolicy(name -> PolicyDecision.deny());
        start(enabled(), PolicySource.of(denyAll));
        assertEquals(List.of(AuthorizeResult.ALLOW, AuthorizeResult.ALLOW), results(permissions.get("search").authorize(
                List.of(AuthorizePermissionRequest.of(ENTITY_CREATE),
                        AuthorizePermissionRequest.of(ENTITY_READ, "secret:default/db-password")), SERVICE)));
        assertEquals(List.of(), denyAll.asked);
        assertEquals(AuthorizeResult.DENY, permissions.get("search")
                .authorize(AuthorizePermissionRequest.of(ENTITY_CREATE), JANE).result(), "the policy denies users");
    }

    @Test
    void aPolicyThatThrowsOrAnswersNothingDeniesThatRequestOnlyAndIsLoggedWithThePermission() {
        start(enabled(), PolicySource.of(new RecordingPolicy(name -> switch (name) {
            case "catalog.entity.create" -> throw new IllegalStateException("policy database down");
            case "search.index.read" -> null;
            default -> PolicyDecision.allow();
        })));
        List<PolicyDecision.Definitive> decisions = permissions.get("search").authorize(List.of(
                AuthorizePermissionRequest.of(ENTITY_CREATE), AuthorizePermissionRequest.of(Permission.basic("search.index.read")),
                AuthorizePermissionRequest.of(Permission.basic("search.query"))), JANE);
        assertEquals(List.of(AuthorizeResult.DENY, AuthorizeResult.DENY, AuthorizeResult.ALLOW), results(decisions));
        LogLine thrown = logs.lines(LogLevel.ERROR).stream()
                .filter(line -> line.message().contains("'catalog.entity.create'")).findFirst().orElseThrow();
        assertEquals("policy database down", thrown.error().getMessage());
        assertEquals("search", thrown.fields().get("plugin"), "logged under the asking plugin");
        assertTrue(logs.lines(LogLevel.ERROR).stream().anyMatch(line -> line.message()
                .contains("'search.index.read' is denied") && line.message().contains("answered null")), logs.messages().toString());
    }

    @Test
    void aConditionalDecisionAboutOneResourceIsCheckedWithTheOwningPluginsRules() {
        start(enabled(), PolicySource.of(new RecordingPolicy(name -> NO_SECRETS)));
        List<PolicyDecision.Definitive> decisions = permissions.get("search").authorize(List.of(
                AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web"),
                AuthorizePermissionRequest.of(ENTITY_READ, "secret:default/db-password"),
                AuthorizePermissionRequest.of(ENTITY_READ, "component:default/missing"),
                AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web")), JANE);
        assertEquals(List.of(AuthorizeResult.ALLOW, AuthorizeResult.DENY, AuthorizeResult.DENY, AuthorizeResult.ALLOW),
                results(decisions));
        assertEquals(List.of(List.of("component:default/web", "secret:default/db-password", "component:default/missing")),
                loads, "one load for the batch, each ref once");

        // conditions but nothing to check them against: authorize must answer definitively, so it denies
        assertEquals(AuthorizeResult.DENY, permissions.get("search").authorize(AuthorizePermissionRequest.of(ENTITY_READ),
                JANE).result());
        assertTrue(logs.contains("no resourceRef was given"), logs.messages().toString());
    }

    @Test
    void conditionsWithAnUnknownRuleOrAForeignResourceTypeDeny() {
        PermissionCondition unknownRule = new PermissionCondition("catalog-entity", "HAS_ANNOTATION", Map.of("key", "x"));
        start(enabled(), PolicySource.of(new RecordingPolicy(name -> switch (name) {
            case "catalog.entity.read" -> PolicyDecision.conditional(ENTITY, PermissionCriteria.of(unknownRule));
            case "catalog.entity.delete" -> new PolicyDecision.Conditional("search", "catalog-entity",
                    PermissionCriteria.of(IS_ENTITY_KIND.condition(Map.of("kinds", List.of("Component")))));
            default -> PolicyDecision.conditional(ENTITY, PermissionCriteria.of(
                    IS_ENTITY_KIND.condition(Map.of("kinds", List.of("Component")))));
        })));
        ResourcePermission delete = Permission.resource("catalog.entity.delete", ENTITY, Action.DELETE);
        assertEquals(List.of(AuthorizeResult.DENY, AuthorizeResult.DENY, AuthorizeResult.DENY), results(
                permissions.get("search").authorize(List.of(
                        AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web"),
                        AuthorizePermissionRequest.of(delete, "component:default/web"),
                        AuthorizePermissionRequest.of(ENTITY_CREATE)), JANE)));
        assertTrue(logs.lines(LogLevel.ERROR).stream().anyMatch(line -> line.error() != null
                && line.error().getMessage().contains("No permission rule 'HAS_ANNOTATION'")), logs.messages().toString());
        assertTrue(logs.contains("belongs to plugin 'catalog', not to plugin 'search'"), logs.messages().toString());
        assertTrue(logs.contains("conditions for a basic permission"), logs.messages().toString());
    }

    @Test
    void aConditionalDecisionForAQueryBecomesThePluginsPredicateOrSql() {
        PermissionCriteria<PermissionCondition> conditions = PermissionCriteria.allOf(
                PermissionCriteria.anyOf(
                        PermissionCriteria.of(IS_ENTITY_KIND.condition(Map.of("kinds", List.of("Component")))),
                        PermissionCriteria.of(IS_ENTITY_KIND.condition(Map.of("kinds", List.of("API"))))),
                PermissionCriteria.not(PermissionCriteria.of(IS_OWNED_BY.condition(Map.of("owner", "team-b")))));
        start(enabled(), PolicySource.of(new RecordingPolicy(name -> PolicyDecision.conditional(ENTITY, conditions))));

        List<PolicyDecision> decisions = permissions.get("catalog").authorizeConditional(
                List.of(QueryPermissionRequest.of(ENTITY_READ)), JANE);
        PolicyDecision.Conditional conditional = assertInstanceOf(PolicyDecision.Conditional.class, decisions.get(0));
        assertEquals("catalog", conditional.pluginId());
        assertEquals("catalog-entity", conditional.resourceType());

        // the catalog's own rules, from the registry, as one predicate over its entities
        PermissionRuleset<Entity, Predicate<Entity>> ruleset = registries.get("catalog").getPermissionRuleset(ENTITY);
        Predicate<Entity> filter = ruleset.toQuery(conditional.conditions()).fold(query -> query,
                all -> all.stream().reduce(Predicate::and).orElseThrow(),
                any -> any.stream().reduce(Predicate::or).orElseThrow(),
                Predicate::negate);
        assertEquals(List.of("component:default/web"), ENTITIES.values().stream().filter(filter).map(Entity::ref).toList());

        // the same conditions as an SQL fragment, with rules whose query type is a string
        PermissionResourceRef<Entity, String> sqlRef = PermissionResourceRef.of("catalog", "catalog-entity");
        PermissionRuleset<Entity, String> sql = PermissionRuleset.of(sqlRef, List.of(
                PermissionRule.of(sqlRef, "IS_ENTITY_KIND", "", (entity, params) -> false,
                        params -> "kind IN ('" + String.join("', '", castList(params.get("kinds"))) + "')"),
                PermissionRule.of(sqlRef, "IS_OWNED_BY", "", (entity, params) -> false,
                        params -> "owner = '" + params.get("owner") + "'")));
        String where = sql.toQuery(conditional.conditions()).fold(query -> query,
                all -> "(" + String.join(" AND ", all) + ")", any -> "(" + String.join(" OR ", any) + ")",
                fragment -> "NOT " + fragment);
        assertEquals("((kind IN ('Component') OR kind IN ('API')) AND NOT owner = 'team-b')", where);

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ruleset.toQuery(
                PermissionCriteria.of(new PermissionCondition("catalog-entity", "HAS_LABEL", Map.of()))));
        assertEquals("No permission rule 'HAS_LABEL' for resource type 'catalog-entity'; known: [IS_ENTITY_KIND,"
                + " IS_OWNED_BY]", unknown.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    @Test
    void registrationsThatClashAreRefusedNamingWhatAndWhose() {
        Backend backend = start(enabled(), PolicySource.of(new RecordingPolicy(name -> PolicyDecision.allow())));
        PermissionsRegistryService search = backend.pluginService("search", CoreServices.PERMISSIONS_REGISTRY);

        IllegalArgumentException foreignRule = assertThrows(IllegalArgumentException.class,
                () -> search.addPermissionRules(List.of(PermissionRule.<Entity, Predicate<Entity>>of(ENTITY, "IS_STALE", "",
                        (entity, params) -> true, params -> entity -> true))));
        assertEquals("Plugin 'search' cannot add permission rule 'IS_STALE' for resource type 'catalog-entity':"
                + " the resource type belongs to plugin 'catalog'", foreignRule.getMessage());

        IllegalArgumentException duplicatePermission = assertThrows(IllegalArgumentException.class,
                () -> search.addPermissions(List.of(Permission.basic("search.query"), ENTITY_CREATE)));
        assertEquals("Permission 'catalog.entity.create' is already registered by plugin 'catalog'; plugin 'search'"
                + " cannot register it again", duplicatePermission.getMessage());

        IllegalArgumentException foreignType = assertThrows(IllegalArgumentException.class,
                () -> search.addResourceType(ENTITY, List.of(), List.of(), refs -> Map.of()));
        assertEquals("Plugin 'search' cannot register resource type 'catalog-entity': its ref names plugin 'catalog'",
                foreignType.getMessage());
        PermissionResourceRef<Entity, Predicate<Entity>> squatted = PermissionResourceRef.of("search", "catalog-entity");
        IllegalArgumentException duplicateType = assertThrows(IllegalArgumentException.class,
                () -> search.addResourceType(squatted, List.of(), List.of(), refs -> Map.of()));
        assertEquals("Resource type 'catalog-entity' is already registered by plugin 'catalog'; plugin 'search' cannot"
                + " register it again", duplicateType.getMessage());

        PermissionsRegistryService catalog = registries.get("catalog");
        // rules before their type (as a module's come before its plugin's init) claim the type for their plugin
        PermissionResourceRef<String, String> document = PermissionResourceRef.of("search", "search-document");
        search.addPermissionRules(List.of(PermissionRule.of(document, "IS_PUBLIC", "", (doc, params) -> true, params -> "")));
        IllegalArgumentException claimed = assertThrows(IllegalArgumentException.class, () -> catalog.addResourceType(
                PermissionResourceRef.<String, String>of("catalog", "search-document"), List.of(), List.of(), null));
        assertEquals("Plugin 'catalog' cannot register resource type 'search-document': plugin 'search' added rules for"
                + " it first, so it belongs to that plugin", claimed.getMessage());
        search.addResourceType(document, List.of(), List.of(), refs -> Map.of());
        assertEquals(List.of("IS_PUBLIC"), search.getPermissionRuleset(document).rules().stream()
                .map(PermissionRule::name).toList());

        IllegalArgumentException duplicateRule = assertThrows(IllegalArgumentException.class,
                () -> catalog.addPermissionRules(List.of(IS_ENTITY_KIND)));
        assertEquals("Permission rule 'IS_ENTITY_KIND' for resource type 'catalog-entity' is already registered by"
                + " plugin 'catalog'", duplicateRule.getMessage());
        IllegalArgumentException redefined = assertThrows(IllegalArgumentException.class,
                () -> catalog.addPermissions(List.of(Permission.basic("catalog.entity.create", Action.DELETE))));
        assertTrue(redefined.getMessage().startsWith("Permission 'catalog.entity.create' is already registered by"
                + " plugin 'catalog' as BasicPermission[name=catalog.entity.create"), redefined.getMessage());

        // a refused batch leaves nothing behind: search.query was not registered
        search.addPermissions(List.of(Permission.basic("search.query")));
        assertEquals(List.of("catalog.entity.read", "catalog.entity.create", "search.query"), system.store().permissions()
                .stream().map(registered -> registered.permission().name()).toList());
        // the same definition again from its plugin is no clash
        catalog.addPermissions(List.of(ENTITY_CREATE));
    }

    @Test
    void aRestartedPluginRegistersAnewAndAStoppedOnesRegistrationsAreGone() {
        Backend backend = start(enabled(), PolicySource.of(new RecordingPolicy(name -> NO_SECRETS)));
        var restarted = backend.initializer().restartPlugin("catalog").orElseThrow();
        assertFalse(restarted.hasDisallowedFailure(), restarted.failureLines().toString());
        assertEquals(AuthorizeResult.ALLOW, permissions.get("search").authorize(
                AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web"), JANE).result());

        backend.initializer().stopPlugin("catalog");
        assertTrue(system.store().resourceType("catalog-entity").isEmpty());
        assertEquals(List.of(), system.store().permissions());
        assertEquals(AuthorizeResult.DENY, permissions.get("search").authorize(
                AuthorizePermissionRequest.of(ENTITY_READ, "component:default/web"), JANE).result(),
                "no rules to check the conditions with");
        assertTrue(logs.contains("no plugin registered resource type 'catalog-entity'"), logs.messages().toString());
    }

    @Test
    void theHighestRankedPolicyDecidesAndTheOldestAmongEquals() {
        RankedPolicies policies = new RankedPolicies();
        PermissionPolicy allow = (query, user) -> PolicyDecision.allow();
        PermissionPolicy deny = (query, user) -> PolicyDecision.deny();
        PermissionPolicy other = (query, user) -> PolicyDecision.deny();
        assertNull(policies.current());
        policies.put(10, 0, allow);
        policies.put(11, 0, deny);
        assertEquals(allow, policies.current(), "same ranking: the lower service id");
        policies.put(11, 5, deny);
        assertEquals(deny, policies.current(), "ranking changed");
        policies.put(12, 5, other);
        assertEquals(deny, policies.current());
        policies.remove(11);
        assertEquals(other, policies.current());
        policies.remove(12);
        policies.remove(10);
        assertNull(policies.current());
    }
}
