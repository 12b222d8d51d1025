package dev.backline.database.settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.backline.plugin.api.services.Config;

/**
 * Resolves one plugin's database from {@code backend.database}, following Backstage's rules: a
 * per-plugin {@code plugin.<id>} block overrides the base; its connection is merged over the base
 * connection unless it names another client; in {@code database} mode the base connection's
 * {@code database} is ignored and each plugin gets {@code <prefix><pluginId>}.
 */
public final class DatabaseSettingsResolver {

    public static final String ROOT_KEY = "backend.database";
    public static final String DEFAULT_PREFIX = "backstage_plugin_";
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Set<String> H2_CONNECTION_KEYS = Set.of("directory", "filename");

    private final Config rootConfig;

    public DatabaseSettingsResolver(Config rootConfig) {
        this.rootConfig = rootConfig;
    }

    /**
     * @throws DatabaseSettingsException (a {@code ConfigException}) naming the key path and the plugin
     */
    public PluginDatabaseSettings resolve(String pluginId) {
        Optional<Config> configured = rootConfig.getOptionalConfig(ROOT_KEY);
        if (configured.isEmpty()) {
            return new PluginDatabaseSettings(pluginId, DatabaseClient.H2, new DatabaseTarget.H2(pluginId, null),
                    true, false, false, PoolSettings.DEFAULTS);
        }
        return new Resolution(configured.get(), pluginId).settings();
    }

    /** The reading of one plugin's settings; holds the base and plugin blocks and names key paths. */
    private static final class Resolution {
        private final Config base;
        private final Optional<Config> plugin;
        private final String pluginId;
        private final String pluginKey;

        Resolution(Config base, String pluginId) {
            this.base = base;
            this.pluginId = pluginId;
            this.pluginKey = "plugin." + pluginId;
            this.plugin = base.getOptionalConfig(pluginKey);
        }

        PluginDatabaseSettings settings() {
            Optional<String> baseClientName = base.getOptionalString("client");
            Optional<String> pluginClientName = plugin.flatMap(p -> p.getOptionalString("client"));
            DatabaseClient client = pluginClientName
                    .map(name -> DatabaseClient.named(name, path(pluginKey + ".client"), pluginId))
                    .orElseGet(() -> DatabaseClient.named(baseClientName.orElse("h2"), path("client"), pluginId));
            // A plugin naming another client does not inherit the base connection (it is for another engine).
            boolean clientOverridden = pluginClientName.isPresent() && !baseClientName
                    .map(name -> isClient(name, client)).orElse(client == DatabaseClient.H2);

            boolean ensureExists = flag("ensureExists", true);
            boolean ensureSchemaExists = flag("ensureSchemaExists", false);
            boolean skipMigrations = flag("skipMigrations", false);
            PoolSettings pool = pool();
            Object baseConnection = clientOverridden ? null : base.getOptional("connection").orElse(null);
            Object pluginConnection = plugin.flatMap(p -> p.getOptional("connection")).orElse(null);

            if (client == DatabaseClient.H2) {
                return new PluginDatabaseSettings(pluginId, client, h2(baseConnection, pluginConnection),
                        false, false, skipMigrations, pool);
            }
            DivisionMode mode = divisionMode();
            DatabaseTarget.Pg target = pg(baseConnection, pluginConnection, mode);
            return new PluginDatabaseSettings(pluginId, client, target,
                    ensureExists && target.database() != null,
                    mode == DivisionMode.SCHEMA && (ensureExists || ensureSchemaExists),
                    skipMigrations, pool);
        }

        private DatabaseTarget.H2 h2(Object baseConnection, Object pluginConnection) {
            Map<String, Object> base = h2Connection(baseConnection, path("connection"), false);
            Map<String, Object> plugin = h2Connection(pluginConnection, path(pluginKey + ".connection"), true);
            Map<String, Object> merged = new LinkedHashMap<>(base);
            if (plugin.containsKey(":memory:")) {
                merged.clear();
            }
            merged.putAll(plugin);
            if (merged.containsKey(":memory:")) {
                return new DatabaseTarget.H2(pluginId, null);
            }
            Object directory = merged.get("directory");
            Object filename = merged.get("filename");
            Path dir = directory == null ? Path.of(".") : Path.of(directory.toString());
            if (filename != null) {
                return new DatabaseTarget.H2(pluginId, dir.resolve(stripH2Suffix(filename.toString())).toAbsolutePath().normalize());
            }
            if (directory != null) {
                return new DatabaseTarget.H2(pluginId, dir.resolve(pluginId).toAbsolutePath().normalize());
            }
            return new DatabaseTarget.H2(pluginId, null);
        }

        private Map<String, Object> h2Connection(Object connection, String keyPath, boolean pluginLevel) {
            if (connection == null) {
                return Map.of();
            }
            if (connection instanceof String text) {
                if (text.equals(":memory:")) {
                    return Map.of(":memory:", true);
                }
                if (pluginLevel) {
                    return Map.of("filename", text);
                }
                throw new DatabaseSettingsException(keyPath, keyPath + " for the embedded H2 database must be ':memory:'"
                        + " or an object with 'directory' (plugin '" + pluginId + "')");
            }
            Map<String, Object> map = asMap(connection, keyPath);
            for (String key : map.keySet()) {
                if (!H2_CONNECTION_KEYS.contains(key)) {
                    throw new DatabaseSettingsException(keyPath + "." + key, keyPath + "." + key
                            + " is not a setting of the embedded H2 database (plugin '" + pluginId
                            + "' uses client h2; its connection takes only directory and filename)."
                            + " Set " + ROOT_KEY + ".client: pg to use PostgreSQL");
                }
            }
            if (!pluginLevel && map.containsKey("filename") && !":memory:".equals(map.get("filename"))) {
                throw new DatabaseSettingsException(keyPath + ".filename", keyPath + ".filename would put every plugin"
                        + " in one file; use " + keyPath + ".directory, or a filename under "
                        + ROOT_KEY + ".plugin.<pluginId>.connection");
            }
            if (":memory:".equals(map.get("filename"))) {
                return Map.of(":memory:", true);
            }
            return map;
        }

        private DatabaseTarget.Pg pg(Object baseConnection, Object pluginConnection, DivisionMode mode) {
            Map<String, Object> merged = new LinkedHashMap<>(pgConnection(baseConnection, path("connection")));
            if (mode == DivisionMode.DATABASE) {
                merged.remove("database");
            }
            merged.putAll(pgConnection(pluginConnection, path(pluginKey + ".connection")));
            String connectionPath = path("connection");

            String database = stringOrNull(merged.remove("database"));
            String schema = null;
            if (mode == DivisionMode.DATABASE) {
                if (database == null) {
                    database = prefix() + pluginId;
                }
                checkIdentifier(database, "database", path("prefix"));
            } else {
                schema = schemaPrefix() + pluginId;
                checkIdentifier(schema, "schema", path("schemaPrefix"));
            }

            String host = Optional.ofNullable(stringOrNull(merged.remove("host"))).orElse("localhost");
            int port = port(merged.remove("port"), connectionPath + ".port");
            String user = Optional.ofNullable(stringOrNull(merged.remove("user")))
                    .orElse(System.getProperty("user.name"));
            String password = stringOrNull(merged.remove("password"));
            Map<String, String> properties = new LinkedHashMap<>();
            Object type = merged.remove("type");
            if (type != null && !"default".equals(type)) {
                throw new DatabaseSettingsException(connectionPath + ".type", "Connection type '" + type + "' at "
                        + connectionPath + ".type is not supported by Backline (plugin '" + pluginId
                        + "'); give host, port, user and password");
            }
            Object applicationName = merged.remove("application_name");
            properties.put("ApplicationName", applicationName != null ? applicationName.toString() : DEFAULT_PREFIX + pluginId);
            Object ssl = merged.remove("ssl");
            if (ssl instanceof Boolean enabled) {
                properties.put("sslmode", enabled ? "require" : "disable");
            } else if (ssl != null) {
                throw new DatabaseSettingsException(connectionPath + ".ssl", connectionPath + ".ssl must be true or false"
                        + " (plugin '" + pluginId + "'); for certificates use the pgjdbc keys sslmode, sslrootcert,"
                        + " sslcert and sslkey");
            }
            merged.forEach((key, value) -> {
                if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
                    throw new DatabaseSettingsException(connectionPath + "." + key, connectionPath + "." + key
                            + " must be a single value to pass to the PostgreSQL driver (plugin '" + pluginId + "')");
                }
                properties.put(key, String.valueOf(value));
            });
            return new DatabaseTarget.Pg(new PgConnection(host, port, user, password, properties), database, schema);
        }

        private Map<String, Object> pgConnection(Object connection, String keyPath) {
            if (connection == null) {
                return Map.of();
            }
            if (connection instanceof String text) {
                return PgConnectionString.parse(text, keyPath);
            }
            return asMap(connection, keyPath);
        }

        private DivisionMode divisionMode() {
            String mode = base.getOptionalString("pluginDivisionMode").orElse("database");
            try {
                return DivisionMode.valueOf(mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DatabaseSettingsException(path("pluginDivisionMode"), path("pluginDivisionMode") + " is '"
                        + mode + "'; it must be 'database' or 'schema'");
            }
        }

        private String prefix() {
            String prefix = base.getOptionalString("prefix").orElse("");
            return prefix.isEmpty() ? DEFAULT_PREFIX : prefix;
        }

        private String schemaPrefix() {
            String prefix = base.getOptionalString("schemaPrefix").orElse("");
            if (!prefix.isEmpty() && !prefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new DatabaseSettingsException(path("schemaPrefix"), path("schemaPrefix") + " is '" + prefix
                        + "'; it must start with a letter or underscore and hold only letters, digits and underscores");
            }
            return prefix;
        }

        private void checkIdentifier(String name, String what, String prefixKey) {
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                throw new DatabaseSettingsException(prefixKey, "PostgreSQL " + what + " name '" + name + "' for plugin '"
                        + pluginId + "' is longer than " + MAX_IDENTIFIER_BYTES + " bytes; shorten " + prefixKey);
            }
        }

        private int port(Object value, String keyPath) {
            if (value == null) {
                return 5432;
            }
            try {
                int port = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new DatabaseSettingsException(keyPath, keyPath + " is '" + value + "'; it must be a port number"
                    + " (plugin '" + pluginId + "')");
        }

        private boolean flag(String key, boolean fallback) {
            return plugin.flatMap(p -> p.getOptionalBoolean(key))
                    .or(() -> base.getOptionalBoolean(key))
                    .orElse(fallback);
        }

        private PoolSettings pool() {
            PoolSettings d = PoolSettings.DEFAULTS;
            int min = (int) poolValue("min", d.min());
            int max = (int) poolValue("max", d.max());
            long acquire = poolValue("acquireTimeoutMillis", d.acquireTimeoutMillis());
            long idle = poolValue("idleTimeoutMillis", d.idleTimeoutMillis());
            if (max < 1 || min < 0 || min > max) {
                throw new DatabaseSettingsException(path("knexConfig.pool"), "Pool size for plugin '" + pluginId
                        + "' must have 0 <= min <= max and max >= 1, got min " + min + ", max " + max
                        + " (" + path("knexConfig.pool") + ")");
            }
            return new PoolSettings(min, max, acquire, idle);
        }

        /** Backstage's knex pool keys, per plugin first. */
        private long poolValue(String key, long fallback) {
            String poolKey = "knexConfig.pool." + key;
            return plugin.flatMap(p -> p.getOptionalNumber(poolKey))
                    .or(() -> base.getOptionalNumber(poolKey))
                    .map(Double::longValue)
                    .orElse(fallback);
        }

        private boolean isClient(String name, DatabaseClient client) {
            try {
                return DatabaseClient.named(name, path("client"), pluginId) == client;
            } catch (DatabaseSettingsException e) {
                return false;
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> asMap(Object value, String keyPath) {
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new DatabaseSettingsException(keyPath, keyPath + " must be a string or an object, not "
                    + value.getClass().getSimpleName() + " (plugin '" + pluginId + "')");
        }

        private static String stringOrNull(Object value) {
            return value == null ? null : value.toString();
        }

        private static String stripH2Suffix(String filename) {
            return filename.endsWith(".mv.db") ? filename.substring(0, filename.length() - ".mv.db".length()) : filename;
        }

        private static String path(String key) {
            return ROOT_KEY + "." + key;
        }
    }
}
