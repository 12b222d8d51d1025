package dev.backline.permissions.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.backline.plugin.api.permission.AuthorizePermissionRequest;
import dev.backline.plugin.api.permission.PermissionCondition;
import dev.backline.plugin.api.permission.PermissionCriteria;
import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionPolicy;
import dev.backline.plugin.api.permission.PermissionResourceLoader;
import dev.backline.plugin.api.permission.PermissionRuleset;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.PolicyQuery;
import dev.backline.plugin.api.permission.PolicyQueryUser;
import dev.backline.plugin.api.permission.QueryPermissionRequest;
import dev.backline.plugin.api.permission.ResourcePermission;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.BackstageUserInfo;
import dev.backline.plugin.api.services.DiscoveryService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.PermissionsService;
import dev.backline.plugin.api.services.UserInfoService;

/**
 * One plugin's {@code core.permissions}: asks the policy in force, checks conditional decisions about one resource
 * with the owning plugin's rules, and logs what goes wrong under the asking plugin.
 */
final class PluginPermissions implements PermissionsService {

    /**
     * One check: {@code resourceRef} (nullable) asks for a definitive answer about one resource; without it,
     * {@code conditionalAnswer} says whether conditions may be the answer (a query) or must be denied.
     */
    record Check(Permission permission, String resourceRef, boolean conditionalAnswer) {
    }

    /** How this plugin reaches the remote policy, when {@code discovery.endpoints} routes the permission plugin away. */
    record Remote(RemotePolicy policy, AuthService auth, DiscoveryService discovery) {
    }

    private final PermissionSystem system;
    private final boolean enabled;
    private final boolean trustServices;
    private final LoggerService logger;
    private final UserInfoService userInfo;
    private final Remote remote;

    /**
     * @param trustServices true for {@code core.permissions} (a service's credentials are allowed without asking, as
     *                      Backstage's server client does); false for the {@code permission} plugin's endpoint, which
     *                      asks the policy about services too
     * @param userInfo      reads a user's info for the policy; null when the backend has no {@code core.userInfo}
     */
    PluginPermissions(PermissionSystem system, boolean enabled, boolean trustServices, LoggerService logger,
            UserInfoService userInfo) {
        this(system, enabled, trustServices, logger, userInfo, null);
    }

    /** @param remote the remote policy to ask instead of the local one; null for the local one */
    PluginPermissions(PermissionSystem system, boolean enabled, boolean trustServices, LoggerService logger,
            UserInfoService userInfo, Remote remote) {
        this.system = system;
        this.enabled = enabled;
        this.trustServices = trustServices;
        this.logger = logger;
        this.userInfo = userInfo;
        this.remote = remote;
    }

    @Override
    public List<PolicyDecision.Definitive> authorize(List<AuthorizePermissionRequest> requests,
            BackstageCredentials credentials) {
        List<Check> checks = requests.stream()
                .map(request -> new Check(request.permission(), request.resourceRef().orElse(null), false)).toList();
        return decide(checks, credentials).stream().map(decision -> (PolicyDecision.Definitive) decision).toList();
    }

    @Override
    public List<PolicyDecision> authorizeConditional(List<QueryPermissionRequest> requests,
            BackstageCredentials credentials) {
        return decide(requests.stream().map(request -> new Check(request.permission(), null, true)).toList(), credentials);
    }

    /** One decision per check, in order; definitive for every check that may not be answered with conditions. */
    List<PolicyDecision> decide(List<Check> checks, BackstageCredentials credentials) {
        if (checks.isEmpty()) {
            return List.of(); // nothing to ask, not even a remote policy
        }
        if (!enabled) {
            return all(checks.size(), PolicyDecision.allow());
        }
        BackstagePrincipal principal = credentials.principal();
        if (trustServices && principal instanceof BackstagePrincipal.Service) {
            return all(checks.size(), PolicyDecision.allow());
        }
        List<PolicyDecision> answers = remote != null ? askRemote(checks, credentials) : askLocal(checks, credentials);
        PolicyDecision[] decisions = new PolicyDecision[checks.size()];
        Map<String, List<Integer>> pendingByType = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            PolicyDecision decision = answers.get(i);
            if (decision instanceof PolicyDecision.Conditional conditional) {
                if (check.resourceRef() != null) {
                    pendingByType.computeIfAbsent(conditional.resourceType(), type -> new ArrayList<>()).add(i);
                } else if (!check.conditionalAnswer()) {
                    logger.warn("Permission '" + check.permission().name() + "' is denied: the policy answered with"
                            + " conditions but no resourceRef was given to check them against (use authorizeConditional"
                            + " to filter many resources)", fields(check.permission()));
                    decision = PolicyDecision.deny();
                }
            }
            decisions[i] = decision;
        }
        pendingByType.forEach((type, indexes) -> applyConditions(type, indexes, checks, decisions));
        return Arrays.asList(decisions);
    }

    /** The local policy's decisions, DENY for all when none is installed. */
    private List<PolicyDecision> askLocal(List<Check> checks, BackstageCredentials credentials) {
        PermissionPolicy policy = system.policies().current();
        if (policy == null) {
            if (system.firstWithoutPolicy()) {
                logger.warn("permission.enabled is true but no permission policy is installed: every permission is"
                        + " denied until a bundle provides a PermissionPolicy service");
            }
            return all(checks.size(), PolicyDecision.deny());
        }
        system.policyPresent();
        PolicyQueryUser user = user(credentials);
        return checks.stream().map(check -> ask(policy, check.permission(), user)).toList();
    }

    /** The remote policy's decisions, DENY for all (logged) when it cannot be asked. */
    private List<PolicyDecision> askRemote(List<Check> checks, BackstageCredentials credentials) {
        List<Permission> permissions = checks.stream().map(Check::permission).toList();
        List<PolicyDecision> answers;
        try {
            answers = remote.policy().decide(permissions, credentials, remote.auth(), remote.discovery());
        } catch (IOException | RuntimeException e) {
            logger.error("Permissions " + permissions.stream().map(Permission::name).distinct().toList()
                    + " are denied: the remote permission policy could not be asked: " + e.getMessage(), e);
            return all(checks.size(), PolicyDecision.deny());
        }
        List<PolicyDecision> checked = new ArrayList<>();
        for (int i = 0; i < permissions.size(); i++) {
            checked.add(validated(permissions.get(i), answers.get(i), "the remote permission policy"));
        }
        return checked;
    }

    /** The policy's decision, or DENY (logged) when it throws, answers nothing or answers what cannot be. */
    private PolicyDecision ask(PermissionPolicy policy, Permission permission, PolicyQueryUser user) {
        PolicyDecision decision;
        try {
            decision = policy.handle(new PolicyQuery(permission), user);
        } catch (RuntimeException | LinkageError e) {
            logger.error("Permission '" + permission.name() + "' is denied: the permission policy "
                    + policy.getClass().getName() + " failed", e);
            return PolicyDecision.deny();
        }
        if (decision == null) {
            logger.error("Permission '" + permission.name() + "' is denied: the permission policy "
                    + policy.getClass().getName() + " answered null", fields(permission));
            return PolicyDecision.deny();
        }
        return validated(permission, decision, "the permission policy");
    }

    /** The decision, or DENY (logged) for conditions a permission cannot have. */
    private PolicyDecision validated(Permission permission, PolicyDecision decision, String who) {
        if (decision instanceof PolicyDecision.Conditional conditional) {
            if (!(permission instanceof ResourcePermission resource)) {
                logger.error("Permission '" + permission.name() + "' is denied: " + who + " answered with"
                        + " conditions for a basic permission", fields(permission));
                return PolicyDecision.deny();
            }
            if (!resource.resourceType().equals(conditional.resourceType())) {
                logger.error("Permission '" + permission.name() + "' is denied: " + who + " answered with"
                        + " conditions for resource type '" + conditional.resourceType() + "', but the permission is"
                        + " about '" + resource.resourceType() + "'", fields(permission));
                return PolicyDecision.deny();
            }
        }
        return decision;
    }

    /**
     * Loads the resources of the checks at {@code indexes} (conditional, all of {@code resourceType}) through the
     * owning plugin's loader, once for them all, and replaces each decision with ALLOW where its conditions hold.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void applyConditions(String resourceType, List<Integer> indexes, List<Check> checks,
            PolicyDecision[] decisions) {
        Optional<PermissionStore.ResourceTypeView> found = system.store().resourceType(resourceType);
        List<Integer> loadable = new ArrayList<>();
        for (int i : indexes) {
            PolicyDecision.Conditional conditional = (PolicyDecision.Conditional) decisions[i];
            String problem = found.isEmpty() ? "no plugin registered resource type '" + resourceType + "'"
                    : !found.get().ownerPluginId().equals(conditional.pluginId())
                            ? "resource type '" + resourceType + "' belongs to plugin '" + found.get().ownerPluginId()
                                    + "', not to plugin '" + conditional.pluginId() + "' that the decision names"
                            : found.get().loader() == null ? "plugin '" + conditional.pluginId()
                                    + "' registered no loader for resource type '" + resourceType + "'" : null;
            if (problem != null) {
                logger.warn("Permission '" + checks.get(i).permission().name() + "' for '" + checks.get(i).resourceRef()
                        + "' is denied: the policy answered with conditions, but " + problem,
                        fields(checks.get(i).permission()));
                decisions[i] = PolicyDecision.deny();
            } else {
                loadable.add(i);
            }
        }
        if (loadable.isEmpty()) {
            return;
        }
        PermissionStore.ResourceTypeView type = found.get();
        List<String> refs = List.copyOf(new LinkedHashSet<>(loadable.stream().map(i -> checks.get(i).resourceRef()).toList()));
        Map<String, ?> resources;
        try {
            resources = ((PermissionResourceLoader<?>) type.loader()).load(refs);
        } catch (Exception e) {
            logger.error("Permissions for resources of type '" + resourceType + "' are denied: plugin '"
                    + type.ownerPluginId() + "' could not load " + refs, e);
            loadable.forEach(i -> decisions[i] = PolicyDecision.deny());
            return;
        }
        PermissionRuleset ruleset = PermissionRuleset.of(resourceType, (List) type.rules());
        for (int i : loadable) {
            Check check = checks.get(i);
            Object resource = resources == null ? null : resources.get(check.resourceRef());
            if (resource == null) {
                decisions[i] = PolicyDecision.deny(); // nothing to allow: as Backstage, an unknown resource is denied
                continue;
            }
            PermissionCriteria<PermissionCondition> conditions = ((PolicyDecision.Conditional) decisions[i]).conditions();
            try {
                decisions[i] = ruleset.matches(conditions, resource) ? PolicyDecision.allow() : PolicyDecision.deny();
            } catch (RuntimeException e) {
                logger.error("Permission '" + check.permission().name() + "' for '" + check.resourceRef()
                        + "' is denied: its conditions could not be checked with the rules of plugin '"
                        + type.ownerPluginId() + "'", e);
                decisions[i] = PolicyDecision.deny();
            }
        }
    }

    /** Who the policy decides for: nobody (null), a user with its info, or (for the endpoint) a service. */
    private PolicyQueryUser user(BackstageCredentials credentials) {
        BackstagePrincipal principal = credentials.principal();
        if (principal instanceof BackstagePrincipal.User user) {
            return new PolicyQueryUser(credentials, Optional.of(userInfo(credentials, user)));
        }
        if (principal instanceof BackstagePrincipal.Service) {
            return new PolicyQueryUser(credentials, Optional.empty());
        }
        return null;
    }

    private BackstageUserInfo userInfo(BackstageCredentials credentials, BackstagePrincipal.User user) {
        if (userInfo != null) {
            try {
                return userInfo.getUserInfo(credentials);
            } catch (RuntimeException e) {
                logger.warn("No user info for '" + user.userEntityRef() + "' (" + e.getMessage()
                        + "); the policy sees the user as owning through itself only");
            }
        }
        return new BackstageUserInfo(user.userEntityRef(), List.of(user.userEntityRef()));
    }

    private static Map<String, Object> fields(Permission permission) {
        return Map.of("permission", permission.name());
    }

    private static List<PolicyDecision> all(int size, PolicyDecision decision) {
        List<PolicyDecision> decisions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            decisions.add(decision);
        }
        return decisions;
    }
}
