package dev.backline.scheduler.core;

import java.time.Duration;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * The scheduler's settings under {@code backend.scheduler}, the same for every plugin.
 *
 * @param workers                 how many runs of one plugin's tasks may run at once, per scope
 * @param pollInterval            how often an instance looks for global runs that are due, when it has none
 *                                in hand; a run another instance left becomes available within this time
 * @param clusterCheckinInterval  how often an instance tells the others sharing a database it is alive; an
 *                                instance silent for this long plus 7.5 s is taken as dead, and its runs as free
 * @param shutdownWait            how long a plugin's stop waits for its aborted runs to return
 */
public record SchedulerSettings(int workers, Duration pollInterval, Duration clusterCheckinInterval,
        Duration shutdownWait) {

    public static final SchedulerSettings DEFAULTS =
            new SchedulerSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** @throws ConfigException naming the key when a value is not valid */
    public static SchedulerSettings from(Config root) {
        int workers = root.getOptionalInt("backend.scheduler.workers").orElse(DEFAULTS.workers);
        if (workers < 1) {
            throw new ConfigException("backend.scheduler.workers",
                    "backend.scheduler.workers must be at least 1, got " + workers);
        }
        return new SchedulerSettings(workers,
                positive(root, "backend.scheduler.pollInterval", DEFAULTS.pollInterval),
                positive(root, "backend.scheduler.clusterCheckinInterval", DEFAULTS.clusterCheckinInterval),
                positive(root, "backend.scheduler.shutdownWait", DEFAULTS.shutdownWait));
    }

    private static Duration positive(Config root, String key, Duration fallback) {
        Duration value = root.getOptionalDuration(key).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key, key + " must be a positive duration, got " + value);
        }
        return value;
    }
}
