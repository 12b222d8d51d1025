package dev.backline.plugin.api.services;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dev.backline.plugin.api.permission.AuthorizePermissionRequest;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.QueryPermissionRequest;

/**
 * Asks the backend's permission policy whether a caller may do something: Backstage's
 * {@code coreServices.permissions}. With {@code permission.enabled} false (the default) everything is allowed; a
 * service's credentials (another plugin, an external caller) are allowed without asking the policy, as in Backstage.
 *
 * <pre>{@code
 * var decision = permissions.authorize(AuthorizePermissionRequest.of(ENTITY_READ, entityRef), httpAuth.credentials(request));
 * if (!decision.allowed()) throw new NotAllowedError("Not allowed to read " + entityRef);
 * }</pre>
 *
 * @since 1.4
 */
@ProviderType
public interface PermissionsService {

    /**
     * One ALLOW or DENY per request, in order. For a resource permission with a resourceRef that the policy answers
     * with conditions, the resource is loaded through its owning plugin's loader and checked with that plugin's rules.
     */
    List<PolicyDecision.Definitive> authorize(List<AuthorizePermissionRequest> requests, BackstageCredentials credentials);

    /**
     * One decision per request, in order: ALLOW, DENY, or {@link PolicyDecision.Conditional} whose conditions the
     * owning plugin turns into its query with {@link dev.backline.plugin.api.permission.PermissionRuleset#toQuery}.
     */
    List<PolicyDecision> authorizeConditional(List<QueryPermissionRequest> requests, BackstageCredentials credentials);

    /** One request's decision. */
    default PolicyDecision.Definitive authorize(AuthorizePermissionRequest request, BackstageCredentials credentials) {
        return authorize(List.of(request), credentials).get(0);
    }
}
