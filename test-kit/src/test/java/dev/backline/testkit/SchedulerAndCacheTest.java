package dev.backline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.plugin.api.services.SchedulerTaskScope;

/** The test backend has the scheduler and the cache; the scheduler's routes, over real HTTP. */
class SchedulerAndCacheTest {

    @Test
    void theSchedulerRoutesListAndTriggerTasksForCallersWithCredentials() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        BackendPlugin plugin = BackendPlugin.create("jobs", env -> env.registerInit(
                List.of(CoreServices.SCHEDULER, CoreServices.CACHE), deps -> {
                    deps.get(CoreServices.SCHEDULER).scheduleTask("reindex",
                            SchedulerTaskSchedule.manual().timeout(Duration.ofSeconds(30)), signal -> {
                                runs.incrementAndGet();
                                ran.countDown();
                            });
                    deps.get(CoreServices.SCHEDULER).scheduleTask("sweep",
                            SchedulerTaskSchedule.cron("0 3 * * *").scope(SchedulerTaskScope.LOCAL), signal -> { });
                    deps.get(CoreServices.CACHE).set("ready", true);
                }));
        try (TestBackend backend = TestBackend.start(plugin)) {
            String tasks = "/api/jobs/.backstage/scheduler/v1/tasks";
            assertEquals(401, backend.http().get(tasks).status(), "the routes need credentials");

            TestResponse list = backend.http().as(MockCredentials.user()).get(tasks);
            assertEquals(200, list.status(), list.toString());
            JsonNode reindex = list.json().path("tasks").path(0);
            assertEquals("reindex", reindex.path("taskId").asText());
            assertEquals("jobs", reindex.path("pluginId").asText());
            assertEquals("global", reindex.path("scope").asText());
            assertEquals("manual", reindex.path("settings").path("cadence").asText());
            assertEquals("PT30S", reindex.path("settings").path("timeoutAfterDuration").asText());
            assertEquals("idle", reindex.path("taskState").path("status").asText());
            JsonNode sweep = list.json().path("tasks").path(1);
            assertEquals("0 3 * * *", sweep.path("settings").path("cadence").asText());
            assertTrue(sweep.path("taskState").path("startsAt").asText().endsWith("T03:00:00Z"), sweep.toString());

            TestResponse trigger = backend.http().as(MockCredentials.user()).post(tasks + "/reindex/trigger", "");
            assertEquals(200, trigger.status(), trigger.toString());
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the triggered task did not run");
            TestResponse unknown = backend.http().as(MockCredentials.user()).post(tasks + "/nope/trigger", "");
            assertEquals(404, unknown.status(), unknown.toString());
            assertEquals("NotFoundError", unknown.json().path("error").path("name").asText());

            assertEquals(Optional.of(true),
                    backend.pluginService("jobs", CoreServices.CACHE).get("ready", Boolean.class));
        }
        assertEquals(1, runs.get());
    }
}
