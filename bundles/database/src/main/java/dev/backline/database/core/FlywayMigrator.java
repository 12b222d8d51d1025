package dev.backline.database.core;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import dev.backline.database.settings.DatabaseTarget;
import dev.backline.database.settings.PluginDatabaseSettings;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.MigrationResult;

/** Runs one plugin's or module's Flyway SQL migrations with its own history table. */
final class FlywayMigrator {

    /** The placeholder that expands to a module's table prefix ({@code ""} for a plugin). */
    static final String PREFIX_PLACEHOLDER = "prefix";

    private final MigrationResources resources;

    FlywayMigrator(MigrationResources resources) {
        this.resources = resources;
    }

    MigrationResult migrate(DataSource dataSource, PluginDatabaseSettings settings, DatabaseMigrations migrations)
            throws SQLException {
        Optional<ResourceProvider> provider = resources.providerFor(migrations);
        // Flyway finds its own plugins (database support) through the class loader of this bundle.
        FluentConfiguration configuration = Flyway.configure(provider.isPresent()
                        ? FlywayMigrator.class.getClassLoader() : migrations.anchor().getClassLoader())
                .dataSource(dataSource)
                .table(migrations.historyTable())
                .placeholders(Map.of(PREFIX_PLACEHOLDER, migrations.tableNamePrefix()))
                .loggers("slf4j")
                // The plugin and its modules share one database: whoever migrates second finds a schema
                // that is not empty. A baseline at version 0 lets its V1 and later run all the same.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("<< Backline: database shared with the plugin and its modules >>")
                .failOnMissingLocations(false);
        if (provider.isPresent()) {
            configuration.resourceProvider(provider.get()).javaMigrationClassProvider(List::of);
        } else {
            configuration.locations("classpath:" + migrations.location());
        }
        if (settings.target() instanceof DatabaseTarget.Pg pg && pg.schema() != null) {
            configuration.schemas(pg.schema()).defaultSchema(pg.schema());
        }
        String what = (migrations.tablePrefix().isPresent() ? "Module migrations '" + migrations.tablePrefix().get() + "'"
                : "Migrations") + " of plugin '" + settings.pluginId() + "' (" + migrations.location() + " in "
                + migrations.anchor().getName() + ", history table " + migrations.historyTable() + ")";
        try {
            Flyway flyway = configuration.load();
            // Checked before migrate, which would otherwise already write a baseline into a shared schema.
            MigrationInfoService before = flyway.info();
            if (before.all().length == 0) {
                throw new SQLException(what + ": no SQL migrations found; put V<version>__<description>.sql files under "
                        + migrations.location() + " in the bundle of " + migrations.anchor().getName());
            }
            MigrateResult result = flyway.migrate();
            // Flyway names a target version only when something ran; otherwise the version is as it was.
            String version = result.targetSchemaVersion;
            if (version == null) {
                MigrationInfo current = before.current();
                version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
            }
            return new MigrationResult(result.migrationsExecuted, version, migrations.historyTable(), false);
        } catch (FlywayException e) {
            throw new SQLException(what + " failed: " + e.getMessage(), e);
        }
    }
}
