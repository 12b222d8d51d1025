package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Schedules tasks on a schedule chosen by someone else, e.g. the backend's config: a plugin hands one to a module.
 *
 * @since 1.4
 */
@FunctionalInterface
@ConsumerType
public interface SchedulerTaskRunner {

    /** Schedules the task {@code id} on this runner's schedule; see {@link SchedulerService#scheduleTask}. */
    void run(String id, SchedulerTaskFunction fn);
}
