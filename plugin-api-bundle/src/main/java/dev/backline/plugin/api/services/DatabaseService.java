package dev.backline.plugin.api.services;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's own database. Modules share their plugin's database, so their tables carry a
 * {@code <package>__} prefix.
 */
@ProviderType
public interface DatabaseService {

    /**
     * A pooled data source for the plugin's database; the pool is created on first call and closed
     * when the plugin stops.
     */
    DataSource getClient() throws SQLException;

    /** True when configuration says this plugin's migrations must not run. */
    boolean skipMigrations();
}
