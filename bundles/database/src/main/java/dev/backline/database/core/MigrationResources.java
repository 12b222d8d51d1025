package dev.backline.database.core;

import java.util.Optional;

import org.flywaydb.core.api.ResourceProvider;

import dev.backline.plugin.api.services.DatabaseMigrations;

/**
 * Finds the SQL files of a plugin's or module's migrations. In OSGi they are read from the anchor class's
 * bundle; outside OSGi Flyway scans the anchor's class loader itself.
 */
@FunctionalInterface
public interface MigrationResources {

    /** Reads from the class path: Flyway's own scanning of the anchor's class loader. */
    MigrationResources CLASS_PATH = migrations -> Optional.empty();

    /** The files of {@code migrations}, or empty to let Flyway scan the anchor's class loader. */
    Optional<ResourceProvider> providerFor(DatabaseMigrations migrations);
}
