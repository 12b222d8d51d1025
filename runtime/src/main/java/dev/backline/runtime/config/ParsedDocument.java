package dev.backline.runtime.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A parsed YAML or JSON file before directives are applied.
 *
 * @param file  where it was read from
 * @param label the file as messages and provenance name it (as the operator wrote it)
 * @param root  plain data; nulls are still present (directives need to see them); null for an empty file
 * @param lines 1-based line by key path within this document ("" for the root)
 */
record ParsedDocument(Path file, String label, Object root, Map<String, Integer> lines) {

    /** The line of {@code path}, or of its nearest ancestor that has one; 0 when unknown. */
    int lineOf(String path) {
        for (String p = path; p != null; p = KeyPaths.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    /** The directory relative paths in this document are resolved against. */
    Path directory() {
        return file.toAbsolutePath().normalize().getParent();
    }
}
