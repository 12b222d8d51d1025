package dev.backline.runtime.config;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Java values into the config data model: unmodifiable {@code Map<String, Object>} (insertion
 * order kept), unmodifiable {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean}.
 * The model has no null: a null value means "not set" and is left out, as Backstage's loader does.
 */
final class PlainData {

    private PlainData() {
    }

    /**
     * A deep, unmodifiable copy of {@code map}.
     *
     * @throws IllegalArgumentException naming the key path for a key containing '.', a null key or a
     *                                  value type the model has no place for
     */
    static Map<String, Object> freezeObject(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new IllegalArgumentException("Config keys must be strings, found "
                        + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName())
                        + " under " + KeyPaths.describe(path));
            }
            String key = (String) entry.getKey();
            String childPath = KeyPaths.child(path, key);
            if (key.contains(".")) {
                // A dotted key could never be read back: readers split key paths on '.'.
                throw new IllegalArgumentException("Config key '" + key + "' under " + KeyPaths.describe(path)
                        + " contains '.', which separates key paths; nest the value instead");
            }
            Object value = freeze(entry.getValue(), childPath);
            if (value != null) {
                copy.put(key, value);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    /** A deep, unmodifiable copy of {@code value}; null for null. */
    static Object freeze(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return freezeObject(map, path);
        }
        if (value instanceof Collection<?> collection) {
            return freezeList(new ArrayList<>(collection), path);
        }
        if (value.getClass().isArray()) {
            // ConfigAdmin properties carry arrays (String[], int[]).
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return freezeList(items, path);
        }
        throw new IllegalArgumentException("Unsupported config value type " + value.getClass().getName()
                + " at " + KeyPaths.describe(path));
    }

    private static List<Object> freezeList(List<?> items, String path) {
        List<Object> copy = new ArrayList<>(items.size());
        for (Object item : items) {
            Object frozen = freeze(item, KeyPaths.element(path, copy.size()));
            if (frozen != null) {
                copy.add(frozen);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * The object that holds the last of {@code parts}: walks {@code parts[0..n-2]} down from {@code root},
     * creating missing objects and replacing an unmodifiable one met on the way by a modifiable copy.
     *
     * @param notAnObject the error for the dotted path where a value that is not an object stands
     */
    static Map<String, Object> parentObject(Map<String, Object> root, String[] parts,
            java.util.function.Function<String, RuntimeException> notAnObject) {
        Map<String, Object> target = root;
        String path = "";
        for (int i = 0; i < parts.length - 1; i++) {
            path = KeyPaths.child(path, parts[i]);
            Object existing = target.get(parts[i]);
            Map<String, Object> next;
            if (existing == null) {
                next = new LinkedHashMap<>();
            } else if (existing instanceof LinkedHashMap<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> modifiable = (Map<String, Object>) existing;
                next = modifiable;
            } else if (existing instanceof Map<?, ?> frozen) {
                @SuppressWarnings("unchecked")
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) frozen);
                next = copy;
            } else {
                throw notAnObject.apply(path);
            }
            target.put(parts[i], next);
            target = next;
        }
        return target;
    }

    /**
     * Expands dotted keys into nested objects ({@code "catalog.rules" -> {catalog: {rules: ...}}}), as
     * flat property sources such as ConfigAdmin spell them, merging what lands on the same object.
     *
     * @throws IllegalArgumentException naming both keys when a key needs an object where another key
     *                                  put a value
     */
    static Map<String, Object> expandDottedKeys(Map<String, ?> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, String> writtenBy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : flat.entrySet()) {
            String key = entry.getKey();
            if (key == null || entry.getValue() == null) {
                continue;
            }
            String[] parts = key.split("\\.", -1);
            for (String part : parts) {
                if (part.isEmpty()) {
                    throw new IllegalArgumentException("Invalid config key '" + key + "': empty key path segment");
                }
            }
            Object value = entry.getValue() instanceof Map<?, ?> nested
                    ? expandDottedKeys(stringKeys(nested, key))
                    : entry.getValue();
            Map<String, Object> target = parentObject(root, parts, path -> new IllegalArgumentException(
                    "Config key '" + key + "' needs an object at '" + path + "', but key '" + writerOf(writtenBy, path)
                            + "' set a value there"));
            String leaf = parts[parts.length - 1];
            String leafPath = key;
            Object existing = target.get(leaf);
            if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> into = (Map<String, Object>) existing;
                @SuppressWarnings("unchecked")
                Map<String, Object> from = (Map<String, Object>) value;
                target.put(leaf, ConfigMerger.mergeObjects(into, from));
            } else if (existing != null) {
                throw new IllegalArgumentException("Config key '" + key + "' sets '" + leafPath
                        + "', which key '" + writerOf(writtenBy, leafPath) + "' already set");
            } else {
                target.put(leaf, value);
            }
            writtenBy.putIfAbsent(leafPath, key);
        }
        return root;
    }

    /** The flat key that wrote at or below {@code path}. */
    private static String writerOf(Map<String, String> writtenBy, String path) {
        for (Map.Entry<String, String> entry : writtenBy.entrySet()) {
            if (KeyPaths.isWithin(entry.getKey(), path)) {
                return entry.getValue();
            }
        }
        return path;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String)) {
                throw new IllegalArgumentException("Config keys must be strings, found "
                        + (k == null ? "null" : k.getClass().getName()) + " under key '" + path + "'");
            }
            copy.put((String) k, v);
        });
        return copy;
    }

    /** Backstage's type names, as they appear in "got ..., wanted ..." messages. */
    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof String s) {
            return s.isEmpty() ? "empty-string" : "string";
        }
        if (value instanceof Double d && d.isNaN()) {
            return "nan";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value.getClass().getSimpleName();
    }
}
