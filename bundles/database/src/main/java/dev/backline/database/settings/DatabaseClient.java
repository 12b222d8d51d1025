package dev.backline.database.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The database engines Backline connects plugins to, with the client names config may use for each. */
public enum DatabaseClient {
    /** Embedded H2. Backstage's SQLite client names map here, so a Backstage app-config runs unchanged. */
    H2("h2", "org.h2.Driver", "embedded H2", List.of("h2", "better-sqlite3", "sqlite3")),
    /** PostgreSQL through pgjdbc. */
    PG("pg", "org.postgresql.Driver", "PostgreSQL", List.of("pg", "postgres", "postgresql"));

    private final String canonicalName;
    private final String driverClass;
    private final String displayName;
    private final List<String> names;

    DatabaseClient(String canonicalName, String driverClass, String displayName, List<String> names) {
        this.canonicalName = canonicalName;
        this.driverClass = driverClass;
        this.displayName = displayName;
        this.names = names;
    }

    /**
     * The client a config value names.
     *
     * @throws DatabaseSettingsException naming the value, the key path and the plugin
     */
    public static DatabaseClient named(String name, String keyPath, String pluginId) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(client -> client.names.contains(wanted))
                .findFirst()
                .orElseThrow(() -> new DatabaseSettingsException(keyPath,
                        "Unsupported database client '" + name + "' for plugin '" + pluginId + "' (" + keyPath
                                + "); supported: pg (also postgres, postgresql) and h2 (also better-sqlite3, sqlite3)"));
    }

    /** The name used in logs and settings: {@code h2} or {@code pg}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The {@code osgi.jdbc.driver.class} of the DataSourceFactory serving this client. */
    public String driverClass() {
        return driverClass;
    }

    /** "embedded H2" or "PostgreSQL". */
    public String displayName() {
        return displayName;
    }
}
