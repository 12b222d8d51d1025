package dev.backline.plugin.api.permission;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides every permission check of the backend: Backstage's {@code PermissionPolicy}. A policy bundle provides it as
 * an OSGi service (a Declarative Services component with {@code service = PermissionPolicy.class}); the one with the
 * highest {@code service.ranking} decides, and replacing the bundle swaps the policy without restarting plugins.
 *
 * <p>It is called concurrently. A policy that throws or answers null denies that request.
 */
@ConsumerType
public interface PermissionPolicy {

    /**
     * @param user the caller; null for a request without credentials
     * @return {@link PolicyDecision#allow()}, {@link PolicyDecision#deny()}, or for a {@link ResourcePermission}
     *         {@link PolicyDecision.Conditional} for the permission's resource type
     */
    PolicyDecision handle(PolicyQuery query, PolicyQueryUser user);
}
