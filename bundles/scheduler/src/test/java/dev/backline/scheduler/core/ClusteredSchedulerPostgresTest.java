package dev.backline.scheduler.core;

import static dev.backline.scheduler.core.SchedulerBackends.await;
import static dev.backline.scheduler.core.SchedulerBackends.count;
import static dev.backline.scheduler.core.SchedulerBackends.threadsNamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.SchedulerTaskFunction;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.runtime.Backend;

/**
 * Two backends in one JVM sharing a plugin's PostgreSQL database, each with its own pool and Quartz scheduler: the
 * cluster as Quartz sees it. The two-process version, with a killed instance, is {@code ScaleOutIT}.
 */
class ClusteredSchedulerPostgresTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** One run: which backend, and when it started and ended (nanoTime). */
    record Run(String backend, long start, long end) {
    }

    private final SchedulerBackends backends = new SchedulerBackends();

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    private Backend start(String pluginId, String name, SchedulerTaskSchedule schedule, List<Run> runs,
            Duration runLength) {
        SchedulerTaskFunction fn = signal -> {
            long start = System.nanoTime();
            try {
                Thread.sleep(runLength.toMillis()); // the task's own work
            } finally {
                runs.add(new Run(name, start, System.nanoTime()));
            }
        };
        return backends.start(backends.postgres(pluginId), BackendPlugin.create(pluginId, env -> env.registerInit(
                List.of(CoreServices.SCHEDULER), deps -> deps.get(CoreServices.SCHEDULER).scheduleTask("tick", schedule, fn))));
    }

    @Test
    void aGlobalTaskRunsOncePerPeriodOnOneInstanceAtATime() throws Exception {
        List<Run> runs = new CopyOnWriteArrayList<>();
        SchedulerTaskSchedule everySecond = SchedulerTaskSchedule.every(Duration.ofSeconds(1));
        start("cluster", "a", everySecond, runs, Duration.ofMillis(300));
        start("cluster", "b", everySecond, runs, Duration.ofMillis(300));
        long began = System.nanoTime();
        Thread.sleep(8_000); // eight periods of the task, observed as they come

        List<Run> seen = new ArrayList<>(runs);
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        assertTrue(seen.size() >= elapsedSeconds - 1 && seen.size() <= elapsedSeconds + 1,
                seen.size() + " runs in " + elapsedSeconds + " s");
        seen.sort((x, y) -> Long.compare(x.start(), y.start()));
        for (int i = 1; i < seen.size(); i++) {
            Run previous = seen.get(i - 1);
            Run next = seen.get(i);
            assertTrue(next.start() >= previous.end(), "runs overlap: " + previous + " and " + next);
            assertTrue(Duration.ofNanos(next.start() - previous.start()).toMillis() >= 700,
                    "two runs in one period: " + previous + " and " + next);
        }
    }

    @Test
    void whenTheInstanceRunningTheTaskStopsTheOtherTakesOver() throws Exception {
        List<Run> runs = new CopyOnWriteArrayList<>();
        SchedulerTaskSchedule everySecond = SchedulerTaskSchedule.every(Duration.ofSeconds(1));
        Backend a = start("takeover", "a", everySecond, runs, Duration.ofMillis(200));
        assertTrue(await(DEADLINE, () -> runs.stream().anyMatch(run -> run.backend().equals("a"))), "a never ran");
        start("takeover", "b", everySecond, runs, Duration.ofMillis(200));
        // a holds the trigger it acquired; b runs the task only once a is gone
        a.stop();
        long stoppedAt = System.nanoTime();
        assertTrue(await(DEADLINE, () -> runs.stream().anyMatch(run -> run.backend().equals("b") && run.start() > stoppedAt)),
                "b did not take over: " + runs);
    }

    @Test
    void restartingAPluginFiftyTimesLeavesNoThreadsOrRowsOfTheOldRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Backend backend = backends.start(backends.postgres("restarts"), BackendPlugin.create("restarts", env ->
                env.registerInit(List.of(CoreServices.SCHEDULER), deps -> deps.get(CoreServices.SCHEDULER)
                        .scheduleTask("tick", SchedulerTaskSchedule.every(Duration.ofMillis(100)), signal -> runs.incrementAndGet()))));
        assertTrue(await(DEADLINE, () -> runs.get() > 0));

        for (int i = 0; i < 50; i++) {
            backend.initializer().restartPlugin("restarts");
        }

        int before = runs.get();
        assertTrue(await(DEADLINE, () -> runs.get() > before), "the task stopped running after the restarts");
        // The running scheduler's: Quartz's scheduler thread, cluster manager and misfire handler, plus its workers.
        List<String> quartzThreads = threadsNamed("backline.restarts");
        assertEquals(3, quartzThreads.size(), "Quartz threads: " + quartzThreads);
        assertTrue(threadsNamed("backline-scheduler-restarts").size() <= SchedulerSettings.DEFAULTS.workers(),
                "worker threads: " + threadsNamed("backline-scheduler-restarts"));
        try (Connection connection = backends.connect("restarts")) {
            assertEquals(1, count(connection, "SELECT count(*) FROM backline_scheduler__qrtz_scheduler_state"),
                    "check-in rows of stopped schedulers are left");
            assertEquals(0, count(connection, "SELECT count(*) FROM backline_scheduler__qrtz_fired_triggers f WHERE NOT"
                    + " EXISTS (SELECT 1 FROM backline_scheduler__qrtz_scheduler_state s WHERE s.instance_name = f.instance_name)"),
                    "runs of stopped schedulers are left");
            assertEquals(1, count(connection, "SELECT count(*) FROM backline_scheduler__qrtz_triggers"));
        }

        backend.initializer().stopPlugin("restarts");
        assertTrue(await(DEADLINE, () -> threadsNamed("restarts").isEmpty()), "threads left: " + threadsNamed("restarts"));
        try (Connection connection = backends.connect("restarts")) {
            assertEquals(0, count(connection, "SELECT count(*) FROM backline_scheduler__qrtz_scheduler_state"));
            assertEquals(0, count(connection, "SELECT count(*) FROM backline_scheduler__qrtz_fired_triggers"));
        }
    }
}
