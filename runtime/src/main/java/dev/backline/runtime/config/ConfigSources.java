package dev.backline.runtime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Provenance of a merged configuration: for every leaf (scalar, empty object, empty array) its full
 * key path and the source that supplied it ({@code app-config.yaml}, {@code env APP_CONFIG_x}, ...).
 * Holds no values, so it may be shown to operators.
 */
final class ConfigSources {

    private final Map<String, String> byPath;

    ConfigSources(Map<String, String> byPath) {
        this.byPath = Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
    }

    /** Every leaf of {@code data} (full paths under {@code prefix}) attributed to {@code source}. */
    static ConfigSources uniform(Map<String, Object> data, String source) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(data, "", source, out);
        return new ConfigSources(out);
    }

    private static void collect(Object value, String path, String source, Map<String, String> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> collect(v, KeyPaths.child(path, (String) k), source, out));
        } else if (value instanceof java.util.List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), KeyPaths.element(path, i), source, out);
            }
        } else {
            out.put(path, source);
        }
    }

    /**
     * The source of the value at {@code fullPath}; for an object or array fed by several sources, all
     * of them, comma-separated, in first-seen order. Empty when nothing is there.
     */
    Optional<String> sourceOf(String fullPath) {
        String exact = byPath.get(fullPath);
        if (exact != null) {
            return Optional.of(exact);
        }
        Set<String> found = new LinkedHashSet<>();
        for (Map.Entry<String, String> entry : byPath.entrySet()) {
            if (KeyPaths.isWithin(entry.getKey(), fullPath)) {
                found.add(entry.getValue());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found));
    }

    /** Leaf path to source, for the leaves at or below {@code fullPath}. */
    Map<String, String> under(String fullPath) {
        if (fullPath.isEmpty()) {
            return byPath;
        }
        Map<String, String> out = new LinkedHashMap<>();
        byPath.forEach((path, source) -> {
            if (KeyPaths.isWithin(path, fullPath)) {
                out.put(path, source);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigSources that && byPath.equals(that.byPath);
    }

    @Override
    public int hashCode() {
        return byPath.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigSources{" + byPath.size() + " values}";
    }
}
