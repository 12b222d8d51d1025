package dev.backline.example.catalog;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionAttributes;
import dev.backline.plugin.api.permission.PermissionCriteria;
import dev.backline.plugin.api.permission.PermissionResourceRef;
import dev.backline.plugin.api.permission.PermissionRule;
import dev.backline.plugin.api.permission.ResourcePermission;

/**
 * What the catalog guards: reading an entity ({@code catalog.entity.read} on resource type {@code catalog-entity}),
 * and the rule a policy can put conditions with, {@code IS_ENTITY_KIND {kinds: [...]}}. Listing turns conditions into
 * a SQL filter of the entities table; reading one entity checks them against it.
 */
final class CatalogPermissions {

    /** A condition on the entities table: an SQL fragment and its parameters, in order. */
    record SqlFilter(String sql, List<Object> params) {
        static final SqlFilter ALL = new SqlFilter("1 = 1", List.of());
        static final SqlFilter NONE = new SqlFilter("1 = 0", List.of());

        static SqlFilter join(String operator, List<SqlFilter> filters) {
            return new SqlFilter(filters.stream().map(f -> "(" + f.sql() + ")").collect(Collectors.joining(" " + operator + " ")),
                    filters.stream().flatMap(f -> f.params().stream()).toList());
        }

        SqlFilter negate() {
            return new SqlFilter("NOT (" + sql + ")", params);
        }
    }

    static final PermissionResourceRef<Map<String, Object>, SqlFilter> ENTITY =
            PermissionResourceRef.of("catalog", "catalog-entity");

    static final ResourcePermission ENTITY_READ =
            Permission.resource("catalog.entity.read", ENTITY, PermissionAttributes.Action.READ);

    static final PermissionRule<Map<String, Object>, SqlFilter> IS_ENTITY_KIND = PermissionRule.of(ENTITY,
            "IS_ENTITY_KIND", "The entity is of one of the kinds given in 'kinds' (letter case ignored)",
            (entity, params) -> kinds(params).contains(String.valueOf(entity.get("kind")).toLowerCase(Locale.ROOT)),
            params -> {
                Set<String> kinds = kinds(params);
                return kinds.isEmpty() ? SqlFilter.NONE
                        : new SqlFilter("LOWER(kind) IN (" + String.join(", ", Collections.nCopies(kinds.size(), "?")) + ")",
                                List.copyOf(kinds));
            });

    private CatalogPermissions() {
    }

    /** Conditions on entities as one SQL filter. */
    static SqlFilter toSql(PermissionCriteria<SqlFilter> criteria) {
        return criteria.fold(filter -> filter, all -> SqlFilter.join("AND", all), any -> SqlFilter.join("OR", any),
                SqlFilter::negate);
    }

    private static Set<String> kinds(Map<String, Object> params) {
        if (!(params.get("kinds") instanceof List<?> kinds) || kinds.stream().anyMatch(k -> !(k instanceof String))) {
            throw new IllegalArgumentException("Permission rule 'IS_ENTITY_KIND' needs 'kinds', a list of strings; got "
                    + params.get("kinds"));
        }
        return kinds.stream().map(k -> ((String) k).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
