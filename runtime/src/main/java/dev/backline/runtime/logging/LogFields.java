package dev.backline.runtime.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Merges structured log fields; shared by every logger in this package so they order fields alike. */
final class LogFields {

    private LogFields() {
    }

    /**
     * Returns {@code base} followed by {@code extra}, as an unmodifiable map in insertion order. A key
     * present in both keeps its first position and takes the value from {@code extra} (the later one
     * wins, as with a child's fields over its parent's, or a call's fields over its logger's).
     * {@code extra} may be null; null values are kept, a null key becomes "null" rather than being lost.
     */
    static Map<String, Object> merge(Map<String, Object> base, Map<String, ?> extra) {
        if (extra == null || extra.isEmpty()) {
            return base;
        }
        Map<String, Object> merged = new LinkedHashMap<>(base);
        extra.forEach((key, value) -> merged.put(String.valueOf(key), value));
        return Collections.unmodifiableMap(merged);
    }
}
