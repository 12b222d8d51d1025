package dev.backline.example.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionAttributes.Action;
import dev.backline.plugin.api.permission.PermissionResourceRef;
import dev.backline.plugin.api.permission.PermissionRule;
import dev.backline.plugin.api.permission.PermissionRuleset;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.PolicyQuery;

class ExamplePermissionPolicyTest {

    record Entity(String kind, String name) {
    }

    private final ExamplePermissionPolicy policy = new ExamplePermissionPolicy();

    /** The rule as the catalog would register it: the entity's kind is one of {@code kinds}, in any letter case. */
    private static final PermissionResourceRef<Entity, Void> ENTITY = PermissionResourceRef.of("catalog", "catalog-entity");
    @SuppressWarnings("unchecked")
    private static final PermissionRuleset<Entity, Void> CATALOG_RULES = PermissionRuleset.of(ENTITY, List.of(
            PermissionRule.of(ENTITY, "IS_ENTITY_KIND", "The entity is of one of the kinds",
                    (entity, params) -> ((List<String>) params.get("kinds")).stream()
                            .anyMatch(kind -> kind.toLowerCase(Locale.ROOT).equals(entity.kind().toLowerCase(Locale.ROOT))),
                    params -> null)));

    @Test
    void readingACatalogEntityIsAllowedUnlessItIsASecret() {
        PolicyDecision decision = policy.handle(new PolicyQuery(
                Permission.resource("catalog.entity.read", "catalog-entity", Action.READ)), null);
        PolicyDecision.Conditional conditional = assertInstanceOf(PolicyDecision.Conditional.class, decision);
        assertEquals("catalog", conditional.pluginId());
        assertEquals("catalog-entity", conditional.resourceType());
        assertTrue(CATALOG_RULES.matches(conditional.conditions(), new Entity("Component", "web")));
        assertFalse(CATALOG_RULES.matches(conditional.conditions(), new Entity("Secret", "db-password")));
        assertFalse(CATALOG_RULES.matches(conditional.conditions(), new Entity("secret", "api-key")));
    }

    @Test
    void everythingElseIsAllowed() {
        for (Permission permission : List.of(Permission.basic("catalog.entity.create", Action.CREATE),
                Permission.resource("catalog.entity.delete", "catalog-entity", Action.DELETE),
                Permission.resource("scaffolder.template.read", "scaffolder-template", Action.READ))) {
            assertEquals(PolicyDecision.allow(), policy.handle(new PolicyQuery(permission), null), permission.name());
        }
        // the read permission's name without its resource type cannot be told apart from a secret's read
        assertEquals(PolicyDecision.deny(), policy.handle(new PolicyQuery(Permission.basic("catalog.entity.read")), null));
        assertEquals(Map.of("kinds", List.of("Secret")), ExamplePermissionPolicy.IS_SECRET.params());
    }
}
