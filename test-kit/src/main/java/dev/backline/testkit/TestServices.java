package dev.backline.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.h2.util.OsgiDataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import dev.backline.database.core.JdbcDrivers;
import dev.backline.runtime.config.ConfigReader;

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

    /**
     * The root configuration of a test backend: the kit's settings (the test server's base URL and port, the database,
     * {@code permission.enabled} when the test gave a policy) with the test's own over them, merged as configuration files are.
     */
    static ConfigReader config(Map<String, ?> test, URI baseUrl, Map<String, Object> database, boolean permissionsEnabled) {
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("baseUrl", baseUrl.toString());
        backend.put("listen", Map.of("host", baseUrl.getHost(), "port", baseUrl.getPort()));
        if (!database.isEmpty()) {
            backend.put("database", database);
        }
        Map<String, Object> kit = new LinkedHashMap<>();
        kit.put("backend", backend);
        if (permissionsEnabled) {
            kit.put("permission", Map.of("enabled", true));
        }
        return ConfigReader.merge(List.of(ConfigReader.of(kit, "Backline test kit"), testConfig(test)));
    }

    /**
     * The test's configuration, where a key may be a dotted path: {@code {"acme.greeter.greeting": "Hi"}} is
     * {@code {"acme": {"greeter": {"greeting": "Hi"}}}}, at every level, so a test can write a key path as the docs do.
     */
    @SuppressWarnings("unchecked")
    static ConfigReader testConfig(Map<String, ?> config) {
        List<ConfigReader> entries = new ArrayList<>();
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            Object inner = entry.getValue() instanceof Map<?, ?> map ? testConfig((Map<String, ?>) map).get() : entry.getValue();
            String[] path = entry.getKey().split("\\.");
            for (int i = path.length - 1; i >= 0; i--) {
                inner = Map.of(path[i], inner);
            }
            entries.add(ConfigReader.of((Map<String, ?>) inner, "test config"));
        }
        return ConfigReader.merge(entries);
    }
}
