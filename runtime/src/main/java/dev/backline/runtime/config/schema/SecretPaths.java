package dev.backline.runtime.config.schema;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the key paths a schema marks secret: every {@code properties} entry, at any depth, whose schema
 * says {@code visibility: secret} (or {@code deepVisibility: secret}), also through {@code allOf},
 * {@code anyOf}, {@code oneOf}, {@code if/then/else} and local {@code $ref}s ({@code #/definitions/x}).
 *
 * <p>Dotted paths cannot address array elements, so an array whose items hold a secret anywhere is
 * secret as a whole: redacting a bit more is safe, missing a secret is not.
 */
final class SecretPaths {

    static final String VISIBILITY = "visibility";
    static final String DEEP_VISIBILITY = "deepVisibility";
    private static final String SECRET = "secret";
    private static final String[] COMBINATIONS = {"allOf", "anyOf", "oneOf"};
    private static final String[] CONDITIONALS = {"if", "then", "else"};

    private final JsonNode root;
    private final Set<String> found = new TreeSet<>();
    // The $refs being expanded on the current walk; a recursive schema stops at its second visit.
    private final Set<String> expanding;

    private SecretPaths(JsonNode root, Set<String> expanding) {
        this.root = root;
        this.expanding = expanding;
    }

    /** The secret key paths of {@code schema}, sorted. */
    static Set<String> of(JsonNode schema) {
        SecretPaths walk = new SecretPaths(schema, new java.util.HashSet<>());
        walk.visit(schema, "");
        return Collections.unmodifiableSet(walk.found);
    }

    /** True when the schema marks this value, or anything inside it, secret. */
    private boolean visit(JsonNode schema, String path) {
        if (schema == null || !schema.isObject()) {
            return false;
        }
        boolean secret = false;
        if (isSecret(schema) && !path.isEmpty()) {
            found.add(path);
            secret = true;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#") && expanding.add(ref.asText())) {
            secret |= visit(root.at(ref.asText().substring(1)), path);
            expanding.remove(ref.asText());
        }
        for (String keyword : COMBINATIONS) {
            JsonNode options = schema.get(keyword);
            if (options != null && options.isArray()) {
                for (JsonNode option : options) {
                    secret |= visit(option, path);
                }
            }
        }
        for (String keyword : CONDITIONALS) {
            secret |= visit(schema.get(keyword), path);
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                secret |= visit(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey());
            }
        }
        if (!path.isEmpty() && itemsHoldSecret(schema)) {
            found.add(path);
            secret = true;
        }
        return secret;
    }

    private boolean itemsHoldSecret(JsonNode schema) {
        boolean secret = false;
        for (String keyword : new String[] {"items", "additionalItems", "prefixItems"}) {
            JsonNode items = schema.get(keyword);
            if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    secret |= new SecretPaths(root, expanding).visitAsElement(item);
                }
            } else {
                secret |= new SecretPaths(root, expanding).visitAsElement(items);
            }
        }
        return secret;
    }

    /** Walks an array element's schema on its own; any secret found in it makes the element secret. */
    private boolean visitAsElement(JsonNode itemSchema) {
        return itemSchema != null && (isSecret(itemSchema) || visit(itemSchema, "[]"));
    }

    private static boolean isSecret(JsonNode schema) {
        return SECRET.equals(schema.path(VISIBILITY).asText(null)) || SECRET.equals(schema.path(DEEP_VISIBILITY).asText(null));
    }
}
