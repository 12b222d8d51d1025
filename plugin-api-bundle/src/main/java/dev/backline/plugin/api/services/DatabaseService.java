package dev.backline.plugin.api.services;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's own database: Backstage's {@code coreServices.database}. Modules share their plugin's
 * database, so their tables and their migration history carry a {@code <prefix>__} prefix.
 */
@ProviderType
public interface DatabaseService {

    /**
     * A pooled data source for the plugin's database. The first call creates the database when it is
     * missing (unless configured otherwise) and the pool; the pool is closed when the plugin stops.
     *
     * @throws SQLException naming the plugin, host, port and database when the database cannot be reached,
     *                      the credentials are refused or the database cannot be created
     */
    DataSource getClient() throws SQLException;

    /** True when configuration says this plugin's migrations must not run. */
    boolean skipMigrations();

    /**
     * Runs the SQL migrations of a plugin or module, found in the bundle of its anchor class, unless
     * {@link #skipMigrations()} is set. The framework never migrates on a plugin's behalf: a plugin or
     * module calls this from its init.
     *
     * @since 1.1
     * @throws SQLException when the database is unreachable or a migration fails; the message names the
     *                      migration and the history table
     */
    MigrationResult migrate(DatabaseMigrations migrations) throws SQLException;
}
