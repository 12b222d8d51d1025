package dev.backline.plugin.api.services;

/**
 * Where a scheduled task runs.
 *
 * @since 1.4
 */
public enum SchedulerTaskScope {
    /** Once per period across every instance sharing the plugin's database. Backstage's default. */
    GLOBAL,
    /** On each instance, independently. */
    LOCAL
}
