package dev.backline.runtime.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges layers, later over earlier: objects merge deeply, arrays and scalars replace (Backstage's
 * rule). Also works out which layer supplied each value that survived.
 */
final class ConfigMerger {

    private ConfigMerger() {
    }

    static ConfigReader merge(List<ConfigLayer> layers) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (ConfigLayer layer : layers) {
            merged = mergeObjects(merged, layer.data());
        }
        Map<String, Object> frozen = PlainData.freezeObject(merged, "");
        List<Object> cursors = new ArrayList<>();
        for (ConfigLayer layer : layers) {
            cursors.add(layer.data());
        }
        Map<String, String> sources = new LinkedHashMap<>();
        collectSources(frozen, "", cursors, layers, sources);
        return new ConfigReader(frozen, new ConfigSources(sources));
    }

    /** A new object: {@code from} deep-merged over {@code into}; neither argument changes. */
    static Map<String, Object> mergeObjects(Map<String, Object> into, Map<String, Object> from) {
        Map<String, Object> result = new LinkedHashMap<>(into);
        for (Map.Entry<String, Object> entry : from.entrySet()) {
            Object existing = result.get(entry.getKey());
            Object incoming = entry.getValue();
            if (existing instanceof Map<?, ?> && incoming instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> a = (Map<String, Object>) existing;
                @SuppressWarnings("unchecked")
                Map<String, Object> b = (Map<String, Object>) incoming;
                result.put(entry.getKey(), mergeObjects(a, b));
            } else {
                result.put(entry.getKey(), incoming);
            }
        }
        return result;
    }

    /*
     * A value at path p in the merged data came from the last layer that has a value at p: any later
     * layer reaching p would have replaced it or merged into it. So walk the result and every layer
     * side by side ("cursors": each layer's value at the same path, or null), and at each leaf ask the
     * last layer still present.
     */
    private static void collectSources(Object value, String path, List<Object> cursors, List<ConfigLayer> layers,
            Map<String, String> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                List<Object> next = new ArrayList<>(cursors.size());
                for (Object cursor : cursors) {
                    next.add(cursor instanceof Map<?, ?> m ? m.get(entry.getKey()) : null);
                }
                collectSources(entry.getValue(), KeyPaths.child(path, (String) entry.getKey()), next, layers, out);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                List<Object> next = new ArrayList<>(cursors.size());
                for (Object cursor : cursors) {
                    next.add(cursor instanceof List<?> l && i < l.size() ? l.get(i) : null);
                }
                collectSources(list.get(i), KeyPaths.element(path, i), next, layers, out);
            }
        } else {
            for (int i = cursors.size() - 1; i >= 0; i--) {
                if (cursors.get(i) != null) {
                    String source = layers.get(i).sourceAt(path);
                    if (source != null) {
                        out.put(path, source);
                    }
                    return;
                }
            }
        }
    }
}
