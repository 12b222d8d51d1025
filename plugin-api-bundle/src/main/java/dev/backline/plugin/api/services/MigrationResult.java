package dev.backline.plugin.api.services;

/**
 * What {@link DatabaseService#migrate(DatabaseMigrations)} did.
 *
 * @param applied      how many migrations ran now
 * @param version      the schema version after the run, or {@code null} when none was ever applied
 * @param historyTable the history table the run used
 * @param skipped      true when {@code skipMigrations} is configured and nothing ran
 * @since 1.1
 */
public record MigrationResult(int applied, String version, String historyTable, boolean skipped) {

    /** The result of a run that {@code skipMigrations} prevented. */
    public static MigrationResult skipped(String historyTable) {
        return new MigrationResult(0, null, historyTable, true);
    }
}
