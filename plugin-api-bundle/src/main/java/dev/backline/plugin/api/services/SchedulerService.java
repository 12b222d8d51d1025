package dev.backline.plugin.api.services;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's scheduled tasks: Backstage's {@code coreServices.scheduler}. A {@link SchedulerTaskScope#GLOBAL global}
 * task runs once per period across every instance that shares the plugin's database; a
 * {@link SchedulerTaskScope#LOCAL local} one on each instance. A run never overlaps itself. Every task of the
 * plugin stops when the plugin stops: its running function's {@link AbortSignal} is aborted.
 *
 * <pre>{@code
 * scheduler.scheduleTask("refresh", SchedulerTaskSchedule.every(Duration.ofMinutes(5)).timeout(Duration.ofMinutes(1)),
 *         signal -> store.refresh(signal));
 * }</pre>
 *
 * @since 1.4
 */
@ProviderType
public interface SchedulerService {

    /**
     * Schedules a task of this plugin. A global task already in the shared database with the same schedule keeps its
     * next run time, so instances starting one after another do not run it again.
     *
     * @throws IllegalArgumentException when the id is blank or already scheduled by this plugin, or the schedule is
     *                                  invalid (the message names the task and what is wrong)
     */
    void scheduleTask(String id, SchedulerTaskSchedule schedule, SchedulerTaskFunction fn);

    /**
     * Runs a task now, outside its schedule (a global task on whichever instance picks it up first).
     *
     * @throws dev.backline.plugin.api.errors.NotFoundError when this plugin has no task with that id
     * @throws dev.backline.plugin.api.errors.ConflictError when the task is running
     */
    void triggerTask(String id);

    /** The tasks this plugin scheduled on this instance, in the order they were scheduled. */
    List<SchedulerTaskDescriptor> getScheduledTasks();

    /** A runner of tasks that share one schedule: Backstage's {@code createScheduledTaskRunner}. */
    default SchedulerTaskRunner createScheduledTaskRunner(SchedulerTaskSchedule schedule) {
        return (id, fn) -> scheduleTask(id, schedule, fn);
    }
}
