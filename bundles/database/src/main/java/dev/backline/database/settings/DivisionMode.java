package dev.backline.database.settings;

/** How PostgreSQL is divided between plugins ({@code backend.database.pluginDivisionMode}). */
public enum DivisionMode {
    /** One database per plugin, {@code <prefix><pluginId>}. */
    DATABASE,
    /** One database, one schema per plugin, {@code <schemaPrefix><pluginId>}. */
    SCHEMA
}
