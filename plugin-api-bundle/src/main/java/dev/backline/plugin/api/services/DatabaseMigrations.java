package dev.backline.plugin.api.services;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which SQL migrations to run and where their history goes. A plugin's history table is
 * {@code flyway_schema_history}; a module's is {@code <prefix>__flyway_schema_history}, with the prefix
 * derived from the module id ({@code example-custom-processor} gives {@code example_custom_processor}),
 * so a module's migrations never collide with its plugin's in the shared database.
 *
 * <p>Migrations are Flyway SQL files ({@code V1__create_entities.sql}, {@code R__views.sql}) under
 * {@link #location()} in the bundle (or, outside OSGi, on the class path) of the anchor class. In them,
 * {@code ${prefix}} expands to the table prefix including {@code __} ({@code ""} for a plugin).
 *
 * <pre>{@code
 * database.migrate(DatabaseMigrations.forPlugin(CatalogPlugin.class).location("db/catalog"));
 * database.migrate(DatabaseMigrations.forModule("example-custom-processor", MyModule.class));
 * }</pre>
 *
 * @since 1.1
 */
public final class DatabaseMigrations {

    /** Where migrations are looked for unless {@link #location(String)} says otherwise. */
    public static final String DEFAULT_LOCATION = "db/migration";
    /** Flyway's history table name, used as is by plugins and prefixed by modules. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private final Class<?> anchor;
    private final String location;
    private final String tablePrefix;

    private DatabaseMigrations(Class<?> anchor, String location, String tablePrefix) {
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.location = location;
        this.tablePrefix = tablePrefix;
    }

    /** A plugin's migrations, in the bundle of {@code anchor}, with the plain history table. */
    public static DatabaseMigrations forPlugin(Class<?> anchor) {
        return new DatabaseMigrations(anchor, DEFAULT_LOCATION, null);
    }

    /** A module's migrations, in the bundle of {@code anchor}, with a prefix derived from {@code moduleId}. */
    public static DatabaseMigrations forModule(String moduleId, Class<?> anchor) {
        return new DatabaseMigrations(anchor, DEFAULT_LOCATION, prefixOf(moduleId));
    }

    /**
     * The table prefix for a module id: lower case, every character other than a letter, digit or
     * underscore replaced by {@code _}.
     */
    public static String prefixOf(String moduleId) {
        if (moduleId == null || moduleId.isBlank()) {
            throw new IllegalArgumentException("A module id is needed to derive a table prefix, got '" + moduleId + "'");
        }
        return moduleId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** The same migrations under another folder of the bundle, e.g. {@code db/catalog}. */
    public DatabaseMigrations location(String location) {
        String trimmed = Objects.requireNonNull(location, "location").replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("A migration location must name a folder, got '" + location + "'");
        }
        return new DatabaseMigrations(anchor, trimmed, tablePrefix);
    }

    /** The same migrations with another table prefix (without the {@code __}). */
    public DatabaseMigrations tablePrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("A table prefix must be letters, digits and underscores, got '" + prefix + "'");
        }
        return new DatabaseMigrations(anchor, location, prefix);
    }

    /** The class whose bundle (or class loader) holds the migrations. */
    public Class<?> anchor() {
        return anchor;
    }

    /** The folder, relative to the bundle root, holding the SQL files. */
    public String location() {
        return location;
    }

    /** The module's table prefix without the {@code __}; empty for a plugin. */
    public Optional<String> tablePrefix() {
        return Optional.ofNullable(tablePrefix);
    }

    /** What {@code ${prefix}} expands to: {@code <prefix>__}, or {@code ""} for a plugin. */
    public String tableNamePrefix() {
        return tablePrefix == null ? "" : tablePrefix + "__";
    }

    /** {@code flyway_schema_history}, or {@code <prefix>__flyway_schema_history} for a module. */
    public String historyTable() {
        return tableNamePrefix() + HISTORY_TABLE;
    }

    @Override
    public String toString() {
        return "migrations{" + location + " of " + anchor.getName() + ", history " + historyTable() + "}";
    }
}
