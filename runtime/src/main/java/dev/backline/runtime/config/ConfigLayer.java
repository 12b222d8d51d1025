package dev.backline.runtime.config;

import java.util.Map;

/**
 * One source of configuration before merging: a file (with what it included), the environment
 * overrides, a reader's data or an overlay.
 *
 * @param data    the plain data of this layer
 * @param sources provenance by key path: a path names the source of everything below it unless a
 *                deeper path says otherwise ({@code "" -> app-config.yaml},
 *                {@code "db -> secrets/db.yaml"})
 */
record ConfigLayer(Map<String, Object> data, Map<String, String> sources) {

    static ConfigLayer of(Map<String, Object> data, String source) {
        return new ConfigLayer(data, Map.of("", source));
    }

    static ConfigLayer of(ConfigReader rootReader) {
        return new ConfigLayer(rootReader.get(), rootReader.sources());
    }

    /** The source recorded at {@code path} or its nearest ancestor; null when none. */
    String sourceAt(String path) {
        for (String p = path; p != null; p = KeyPaths.parent(p)) {
            String source = sources.get(p);
            if (source != null) {
                return source;
            }
        }
        return null;
    }
}
