package dev.backline.example.policy;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.backline.plugin.api.permission.PermissionCondition;
import dev.backline.plugin.api.permission.PermissionCriteria;
import dev.backline.plugin.api.permission.PermissionPolicy;
import dev.backline.plugin.api.permission.PermissionResourceRef;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.PolicyQuery;
import dev.backline.plugin.api.permission.PolicyQueryUser;
import dev.backline.plugin.api.permission.ResourcePermission;

/**
 * The example policy: nobody reads catalog entities of kind {@code Secret}; everything else is allowed. Reading is
 * answered with a condition, {@code not(IS_ENTITY_KIND {kinds: [Secret]})}, which the catalog checks with its rule
 * {@code IS_ENTITY_KIND} against the entity asked about (or turns into its query when listing).
 */
@Component(service = PermissionPolicy.class)
public final class ExamplePermissionPolicy implements PermissionPolicy {

    static final String ENTITY_READ = "catalog.entity.read";
    static final PermissionResourceRef<Object, Object> CATALOG_ENTITY = PermissionResourceRef.of("catalog", "catalog-entity");
    static final PermissionCondition IS_SECRET = new PermissionCondition(CATALOG_ENTITY.resourceType(), "IS_ENTITY_KIND",
            Map.of("kinds", List.of("Secret")));

    @Override
    public PolicyDecision handle(PolicyQuery query, PolicyQueryUser user) {
        if (!query.permission().name().equals(ENTITY_READ)) {
            return PolicyDecision.allow();
        }
        if (query.permission() instanceof ResourcePermission read
                && read.resourceType().equals(CATALOG_ENTITY.resourceType())) {
            return PolicyDecision.conditional(CATALOG_ENTITY, PermissionCriteria.not(PermissionCriteria.of(IS_SECRET)));
        }
        // the name of the catalog's read permission without its resource type: no entity to tell a secret by
        return PolicyDecision.deny();
    }
}
