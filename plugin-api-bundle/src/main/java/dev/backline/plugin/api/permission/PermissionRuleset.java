package dev.backline.plugin.api.permission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of one resource type, by name. Turns a conditional decision's conditions into the plugin's query
 * ({@link #toQuery}, Backstage's {@code createConditionTransformer}) or checks them against one resource
 * ({@link #matches}).
 */
public final class PermissionRuleset<R, Q> {

    private final String resourceType;
    private final Map<String, PermissionRule<R, Q>> rules;

    private PermissionRuleset(String resourceType, Map<String, PermissionRule<R, Q>> rules) {
        this.resourceType = resourceType;
        this.rules = rules;
    }

    /**
     * @throws IllegalArgumentException for a rule of another resource type or two rules of one name, naming them
     */
    public static <R, Q> PermissionRuleset<R, Q> of(String resourceType, List<? extends PermissionRule<R, Q>> rules) {
        Names.require(resourceType, "The resource type of a ruleset");
        Map<String, PermissionRule<R, Q>> byName = new LinkedHashMap<>();
        for (PermissionRule<R, Q> rule : rules) {
            if (!resourceType.equals(rule.resourceType())) {
                throw new IllegalArgumentException("Permission rule '" + rule.name() + "' is for resource type '"
                        + rule.resourceType() + "', not '" + resourceType + "'");
            }
            if (byName.putIfAbsent(rule.name(), rule) != null) {
                throw new IllegalArgumentException("Permission rule '" + rule.name() + "' of resource type '"
                        + resourceType + "' is given twice");
            }
        }
        return new PermissionRuleset<>(resourceType, byName);
    }

    public static <R, Q> PermissionRuleset<R, Q> of(PermissionResourceRef<R, Q> resourceRef,
            List<? extends PermissionRule<R, Q>> rules) {
        return of(resourceRef.resourceType(), rules);
    }

    public String resourceType() {
        return resourceType;
    }

    public List<PermissionRule<R, Q>> rules() {
        return List.copyOf(rules.values());
    }

    public Optional<PermissionRule<R, Q>> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    /**
     * The conditions as the plugin's queries, each condition through its rule's {@link PermissionRule#toQuery}; fold
     * the result into one query with {@link PermissionCriteria#fold}.
     *
     * @throws IllegalArgumentException for a condition of another resource type or an unknown rule, naming it
     */
    public PermissionCriteria<Q> toQuery(PermissionCriteria<PermissionCondition> conditions) {
        return conditions.map(condition -> ruleFor(condition).toQuery(condition.params()));
    }

    /**
     * Whether {@code resource} meets the conditions, each through its rule's {@link PermissionRule#apply}.
     *
     * @throws IllegalArgumentException for a condition of another resource type or an unknown rule, naming it
     */
    public boolean matches(PermissionCriteria<PermissionCondition> conditions, R resource) {
        Objects.requireNonNull(resource, "resource");
        return conditions.<Boolean>fold(condition -> ruleFor(condition).apply(resource, condition.params()),
                all -> all.stream().allMatch(Boolean::booleanValue),
                any -> any.stream().anyMatch(Boolean::booleanValue),
                holds -> !holds);
    }

    private PermissionRule<R, Q> ruleFor(PermissionCondition condition) {
        if (!resourceType.equals(condition.resourceType())) {
            throw new IllegalArgumentException("Condition '" + condition.rule() + "' is for resource type '"
                    + condition.resourceType() + "', not '" + resourceType + "'");
        }
        PermissionRule<R, Q> rule = rules.get(condition.rule());
        if (rule == null) {
            throw new IllegalArgumentException("No permission rule '" + condition.rule() + "' for resource type '"
                    + resourceType + "'; known: " + rules.keySet());
        }
        return rule;
    }

    @Override
    public String toString() {
        return "permissionRuleset{" + resourceType + ", " + rules.keySet() + "}";
    }
}
