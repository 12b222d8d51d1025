package dev.backline.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.h2.util.OsgiDataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import dev.backline.database.core.JdbcDrivers;

/** What the kit sets up around the features: JDBC drivers without OSGi, the test configuration. */
final class TestServices {

    private TestServices() {
    }

    /** H2 and PostgreSQL, added by hand: outside OSGi no driver bundle registers itself. */
    static JdbcDrivers drivers() {
        JdbcDrivers drivers = new JdbcDrivers();
        drivers.add("org.h2.Driver", new OsgiDataSourceFactory(new org.h2.Driver()));
        drivers.add("org.postgresql.Driver", new PGDataSourceFactory());
        return drivers;
    }

    /** The test's configuration over the kit's: base URL and port of the test server, the database settings. */
    static Map<String, Object> config(Map<String, ?> test, URI baseUrl, Map<String, Object> database) {
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("baseUrl", baseUrl.toString());
        backend.put("listen", Map.of("host", baseUrl.getHost(), "port", baseUrl.getPort()));
        if (!database.isEmpty()) {
            backend.put("database", database);
        }
        Map<String, Object> kit = new LinkedHashMap<>();
        kit.put("backend", backend);
        return merge(kit, expandDottedKeys(test));
    }

    /**
     * {@code {"acme.greeter.greeting": "Hi"}} as {@code {"acme": {"greeter": {"greeting": "Hi"}}}}, at every level, so a
     * test can write a key path as it appears in the docs; nested maps are kept as they are.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> expandDottedKeys(Map<String, ?> config) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            Object inner = entry.getValue() instanceof Map<?, ?> map ? expandDottedKeys((Map<String, ?>) map) : entry.getValue();
            String[] path = entry.getKey().split("\\.");
            for (int i = path.length - 1; i > 0; i--) {
                inner = Map.of(path[i], inner);
            }
            expanded = merge(expanded, Map.of(path[0], inner));
        }
        return expanded;
    }

    /** {@code over} merged into {@code base}, objects key by key, anything else replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> merged.merge(key, value, (a, b) -> a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm
                ? merge((Map<String, ?>) am, (Map<String, ?>) bm) : b));
        return merged;
    }
}
