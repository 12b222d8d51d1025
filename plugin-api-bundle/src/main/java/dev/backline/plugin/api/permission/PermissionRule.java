package dev.backline.plugin.api.permission;

import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A named check on resources of one type that conditions refer to: Backstage's {@code createPermissionRule}. It
 * checks one loaded resource ({@link #apply}) and turns into the plugin's query ({@link #toQuery}: a predicate, an
 * SQL fragment, ...) to filter many.
 *
 * @param <R> the resource
 * @param <Q> the plugin's query type
 */
@ConsumerType
public interface PermissionRule<R, Q> {

    /** The name conditions use, e.g. {@code IS_ENTITY_KIND}. */
    String name();

    String description();

    String resourceType();

    /** Whether {@code resource} meets the rule with {@code params}. */
    boolean apply(R resource, Map<String, Object> params);

    /** The rule with {@code params} as the plugin's query. */
    Q toQuery(Map<String, Object> params);

    /** A condition of this rule with {@code params}, for a policy's conditional decision. */
    default PermissionCondition condition(Map<String, Object> params) {
        return new PermissionCondition(resourceType(), name(), params);
    }

    /** A rule of {@code resourceRef}'s resource type from two functions. */
    static <R, Q> PermissionRule<R, Q> of(PermissionResourceRef<R, Q> resourceRef, String name, String description,
            BiPredicate<R, Map<String, Object>> apply, Function<Map<String, Object>, Q> toQuery) {
        return new FunctionalPermissionRule<>(resourceRef.resourceType(), name, description, apply, toQuery);
    }
}
