package dev.backline.scheduler.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.backline.plugin.api.services.SchedulerTaskSchedule;

/**
 * Backstage's scheduler routes of a plugin, under {@code /api/<pluginId>/.backstage/scheduler/v1}: the task list
 * and a manual trigger. They need credentials, as every route does unless the plugin opens it.
 */
@Path("/tasks")
public final class SchedulerResource {

    /** Where the routes are mounted in the plugin's router. */
    public static final String MOUNT = "/.backstage/scheduler/v1";

    private final String pluginId;
    private final PluginScheduler scheduler;

    SchedulerResource(String pluginId, PluginScheduler scheduler) {
        this.pluginId = pluginId;
        this.scheduler = scheduler;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TaskList tasks() {
        return new TaskList(scheduler.taskStates().stream().map(this::view).toList());
    }

    /** 200 when the run is queued; 404 for an unknown task; 409 while it runs. */
    @POST
    @Path("/{id}/trigger")
    public Response trigger(@PathParam("id") String id) {
        scheduler.triggerTask(id);
        return Response.ok().build();
    }

    private TaskView view(PluginScheduler.TaskState state) {
        SchedulerTaskSchedule schedule = state.schedule();
        Settings settings = new Settings(2, cadence(schedule), schedule.timeout().toString(),
                schedule.initialDelay().toString());
        TaskStateView taskState = state.running()
                ? new TaskStateView("running", text(state.startedAt()), null,
                        state.startedAt() == null ? null : text(state.startedAt().plus(schedule.timeout())),
                        text(state.lastRunEndedAt()), state.lastRunError())
                : new TaskStateView("idle", null, text(state.startsAt()), null, text(state.lastRunEndedAt()),
                        state.lastRunError());
        return new TaskView(state.id(), pluginId, schedule.scope().name().toLowerCase(Locale.ROOT), settings, taskState,
                new WorkerState(state.runningHere() ? "running" : "idle"));
    }

    private static String cadence(SchedulerTaskSchedule schedule) {
        return schedule.frequency().cron()
                .or(() -> schedule.frequency().every().map(Duration::toString))
                .orElse("manual");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** {@code {"tasks": [...]}}. */
    public record TaskList(List<TaskView> tasks) {
    }

    /** One task, as Backstage's scheduler routes describe it. */
    public record TaskView(String taskId, String pluginId, String scope, Settings settings, TaskStateView taskState,
            WorkerState workerState) {
    }

    /** The task's settings in Backstage's version 2 form; {@code cadence} is the cron, an ISO duration or manual. */
    public record Settings(int version, String cadence, String timeoutAfterDuration, String initialDelayDuration) {
    }

    /** Running (where any instance runs it) or idle with the next start; the last run as this instance saw it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskStateView(String status, String startedAt, String startsAt, String timesOutAt,
            String lastRunEndedAt, String lastRunError) {
    }

    /** Whether this instance runs the task now. */
    public record WorkerState(String status) {
    }
}
