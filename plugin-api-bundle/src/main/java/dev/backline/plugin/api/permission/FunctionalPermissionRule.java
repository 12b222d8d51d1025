package dev.backline.plugin.api.permission;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** {@link PermissionRule#of}'s rule. */
final class FunctionalPermissionRule<R, Q> implements PermissionRule<R, Q> {

    private final String resourceType;
    private final String name;
    private final String description;
    private final BiPredicate<R, Map<String, Object>> apply;
    private final Function<Map<String, Object>, Q> toQuery;

    FunctionalPermissionRule(String resourceType, String name, String description, BiPredicate<R, Map<String, Object>> apply,
            Function<Map<String, Object>, Q> toQuery) {
        this.resourceType = Names.require(resourceType, "The resource type of a permission rule");
        this.name = Names.require(name, "The name of a permission rule");
        this.description = Objects.requireNonNullElse(description, "");
        this.apply = Objects.requireNonNull(apply, "apply of rule '" + name + "'");
        this.toQuery = Objects.requireNonNull(toQuery, "toQuery of rule '" + name + "'");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public boolean apply(R resource, Map<String, Object> params) {
        return apply.test(resource, params);
    }

    @Override
    public Q toQuery(Map<String, Object> params) {
        return toQuery.apply(params);
    }

    @Override
    public String toString() {
        return "permissionRule{" + resourceType + "/" + name + "}";
    }
}
