package dev.backline.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.SchedulerService;
import dev.backline.plugin.api.services.SchedulerTaskDescriptor;
import dev.backline.plugin.api.services.SchedulerTaskFunction;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.plugin.api.services.SchedulerTaskScope;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/** {@code backline:tasks} and {@code backline:trigger} over each plugin's {@code core.scheduler}. */
class TaskCommandsTest {

    /** A scheduler that keeps what it is given and records triggers. */
    static final class RecordingScheduler implements SchedulerService {
        final List<SchedulerTaskDescriptor> tasks = new ArrayList<>();
        final List<String> triggered = new ArrayList<>();

        @Override
        public void scheduleTask(String id, SchedulerTaskSchedule schedule, SchedulerTaskFunction fn) {
            tasks.add(new SchedulerTaskDescriptor(id, schedule));
        }

        @Override
        public void triggerTask(String id) {
            if (tasks.stream().noneMatch(task -> task.id().equals(id))) {
                throw new NotFoundError("no scheduled task '" + id + "'");
            }
            triggered.add(id);
        }

        @Override
        public List<SchedulerTaskDescriptor> getScheduledTasks() {
            return List.copyOf(tasks);
        }
    }

    private final RecordingScheduler catalogScheduler = new RecordingScheduler();
    private Backend backend;

    @AfterEach
    void stop() {
        backend.stop();
    }

    @Test
    void tasksAreListedByPluginAndTriggeredByName() {
        backend = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of(), "test")))
                .logger(new CapturingLogger())
                .add(ServiceFactory.of(CoreServices.SCHEDULER).deps(CoreServices.PLUGIN_METADATA).factory(deps ->
                        deps.get(CoreServices.PLUGIN_METADATA).getId().equals("catalog") ? catalogScheduler
                                : new RecordingScheduler()))
                .add(BackendPlugin.create("catalog", env -> env.registerInit(List.of(CoreServices.SCHEDULER), deps ->
                        deps.get(CoreServices.SCHEDULER).scheduleTask("refresh", SchedulerTaskSchedule.every(Duration.ofSeconds(30))
                                .timeout(Duration.ofMinutes(1)).scope(SchedulerTaskScope.LOCAL), signal -> { }))))
                .add(BackendPlugin.create("quiet", env -> env.registerInit(List.of(), deps -> { })))
                .build();
        backend.start();
        BackendCommands commands = new BackendCommands(backend, type -> "bundle test.bundle 1.0.0 [7]");

        Table tasks = commands.tasks();
        assertEquals(List.of("plugin", "task", "scope", "frequency", "timeout", "initial delay"), tasks.columns());
        assertEquals(List.of(List.of("catalog", "refresh", "local", "every PT30S", "PT1M", "PT0S")), tasks.rows());

        Report triggered = commands.trigger("catalog", "refresh");
        assertEquals(List.of("refresh"), catalogScheduler.triggered);
        assertEquals("yes", triggered.fields().get("triggered"));
        assertThrows(NotFoundError.class, () -> commands.trigger("catalog", "nope"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> commands.trigger("quiet", "x"));
        assertEquals("Plugin 'quiet' has not scheduled any task", none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> commands.trigger("catalgo", "x"));
        assertTrue(unknown.getMessage().contains("catalog"), unknown.getMessage());
    }
}
