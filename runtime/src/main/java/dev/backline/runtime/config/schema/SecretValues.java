package dev.backline.runtime.config.schema;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration values found at secret key paths, for the logger to mask. Objects and arrays at a
 * secret path give all their scalars. Booleans are left out: masking every "true" in the log would
 * hide nothing and ruin the log.
 */
public final class SecretValues {

    private SecretValues() {
    }

    /**
     * @param rootData    the configuration tree from the root (plain maps, lists and scalars)
     * @param secretPaths dotted key paths from the root
     */
    public static Set<String> at(Object rootData, Collection<String> secretPaths) {
        Set<String> values = new LinkedHashSet<>();
        for (String path : secretPaths) {
            Object value = rootData;
            for (String segment : path.split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(segment) : null;
            }
            collect(value, values);
        }
        return values;
    }

    private static void collect(Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, into));
        } else if (value instanceof String || value instanceof Number) {
            into.add(String.valueOf(value));
        }
    }
}
