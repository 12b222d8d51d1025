package dev.backline.plugin.api.permission;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One condition of a conditional decision: the rule {@code rule} of {@code resourceType}, with its parameters (a
 * JSON-able map: strings, numbers, booleans, lists and maps of them), e.g. {@code IS_ENTITY_KIND} with
 * {@code {kinds: [Secret]}}.
 */
public record PermissionCondition(String resourceType, String rule, Map<String, Object> params) {

    public PermissionCondition {
        Names.require(resourceType, "The resource type of a permission condition");
        Names.require(rule, "The rule of a permission condition");
        // JSON parameters may hold nulls, which Map.copyOf refuses
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params,
                "params of condition '" + rule + "'")));
    }
}
