package dev.backline.database.settings;

/**
 * Everything needed to give one plugin its database, resolved from {@code backend.database} and
 * {@code backend.database.plugin.<pluginId>}.
 */
public record PluginDatabaseSettings(
        String pluginId,
        DatabaseClient client,
        DatabaseTarget target,
        boolean ensureDatabaseExists,
        boolean ensureSchemaExists,
        boolean skipMigrations,
        PoolSettings pool) {
}
