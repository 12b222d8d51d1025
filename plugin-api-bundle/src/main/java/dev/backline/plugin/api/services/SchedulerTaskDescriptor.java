package dev.backline.plugin.api.services;

/**
 * A task as {@link SchedulerService#getScheduledTasks()} lists it.
 *
 * @param id       the task id, unique within its plugin
 * @param schedule its schedule
 * @since 1.4
 */
public record SchedulerTaskDescriptor(String id, SchedulerTaskSchedule schedule) {

    public SchedulerTaskScope scope() {
        return schedule.scope();
    }
}
