package dev.backline.scheduler.core;

import static dev.backline.scheduler.core.SchedulerBackends.await;
import static dev.backline.scheduler.core.SchedulerBackends.threadsNamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.ConflictError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.SchedulerService;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.plugin.api.services.SchedulerTaskScope;
import dev.backline.runtime.Backend;

/** The scheduler of one plugin in a backend of the wiring core, on the embedded H2 database. */
class PluginSchedulerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final SchedulerBackends backends = new SchedulerBackends();
    private final AtomicReference<SchedulerService> scheduler = new AtomicReference<>();

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    private Backend start(String pluginId, Consumer<SchedulerService> init) {
        return backends.start(Map.of("scheduler", SchedulerBackends.fastScheduler()),
                BackendPlugin.create(pluginId, env -> env.registerInit(List.of(CoreServices.SCHEDULER), deps -> {
                    scheduler.set(deps.get(CoreServices.SCHEDULER));
                    init.accept(deps.get(CoreServices.SCHEDULER));
                })));
    }

    @Test
    void localAndGlobalTasksRunAndStopWithTheirPlugin() throws Exception {
        AtomicInteger local = new AtomicInteger();
        AtomicInteger global = new AtomicInteger();
        Backend backend = start("ticker", s -> {
            s.scheduleTask("local", SchedulerTaskSchedule.every(Duration.ofMillis(100)).scope(SchedulerTaskScope.LOCAL),
                    signal -> local.incrementAndGet());
            s.scheduleTask("global", SchedulerTaskSchedule.every(Duration.ofMillis(100)), signal -> global.incrementAndGet());
        });
        assertTrue(await(DEADLINE, () -> local.get() >= 3 && global.get() >= 3),
                "runs: local " + local + ", global " + global);
        assertEquals(List.of("global", "local"), scheduler.get().getScheduledTasks().stream()
                .map(task -> task.id()).sorted().toList());

        backend.initializer().stopPlugin("ticker");

        assertTrue(await(DEADLINE, () -> threadsNamed("ticker").isEmpty()), "threads left: " + threadsNamed("ticker"));
        int localAfterStop = local.get();
        int globalAfterStop = global.get();
        Thread.sleep(400); // four periods in which nothing may run
        assertEquals(localAfterStop, local.get());
        assertEquals(globalAfterStop, global.get());
    }

    @Test
    void aManualTaskRunsOnlyWhenTriggered() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        start("manual", s -> s.scheduleTask("reindex", SchedulerTaskSchedule.manual(), signal -> {
            runs.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
        }));
        Thread.sleep(300); // a while in which an unscheduled task must not run
        assertEquals(0, runs.get());

        scheduler.get().triggerTask("reindex");
        assertTrue(await(DEADLINE, () -> runs.get() == 1));
        ConflictError running = assertThrows(ConflictError.class, () -> scheduler.get().triggerTask("reindex"));
        assertTrue(running.getMessage().contains("'reindex' of plugin 'manual' is running"), running.getMessage());
        release.countDown();

        NotFoundError unknown = assertThrows(NotFoundError.class, () -> scheduler.get().triggerTask("nope"));
        assertTrue(unknown.getMessage().contains("no scheduled task 'nope'"), unknown.getMessage());
    }

    @Test
    void aRunPastItsTimeoutIsAbortedAndTheTaskRunsAgain() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        start("slow", s -> s.scheduleTask("stuck", SchedulerTaskSchedule.every(Duration.ofMillis(100))
                .timeout(Duration.ofMillis(300)).scope(SchedulerTaskScope.LOCAL), signal -> {
                    runs.incrementAndGet();
                    try {
                        Thread.sleep(60_000); // a run that would outlive its timeout
                    } catch (InterruptedException e) {
                        reason.compareAndSet(null, signal.reason());
                    }
                }));
        assertTrue(await(DEADLINE, () -> reason.get() != null && runs.get() >= 2), "runs " + runs + ", reason " + reason);
        assertTrue(reason.get().startsWith("timeout after PT0.3S"), reason.get());
    }

    @Test
    void stoppingThePluginAbortsItsRunningTask() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        Backend backend = start("stopper", s -> s.scheduleTask("long", SchedulerTaskSchedule.every(Duration.ofMillis(50)),
                signal -> {
                    running.countDown();
                    try {
                        Thread.sleep(60_000); // a run that only its abort ends
                    } finally {
                        reason.set(signal.reason());
                    }
                }));
        assertTrue(running.await(10, TimeUnit.SECONDS));
        long before = System.nanoTime();
        backend.initializer().stopPlugin("stopper");
        assertEquals("plugin stopped", reason.get());
        assertTrue(Duration.ofNanos(System.nanoTime() - before).compareTo(Duration.ofSeconds(5)) < 0,
                "the stop waited for the run's own end");
        assertTrue(await(DEADLINE, () -> threadsNamed("stopper").isEmpty()), "threads left: " + threadsNamed("stopper"));
    }

    @Test
    void aRunThatIgnoresItsAbortHoldsUpTheStopOnlyForTheShutdownWaitAndIsNamed() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        Backend backend = backends.start(Map.of("scheduler", Map.of("pollInterval", "200ms", "shutdownWait", "1s")),
                BackendPlugin.create("stubborn", env -> env.registerInit(List.of(CoreServices.SCHEDULER), deps ->
                        deps.get(CoreServices.SCHEDULER).scheduleTask("spin", SchedulerTaskSchedule.every(Duration.ofMillis(50))
                                .scope(SchedulerTaskScope.LOCAL), signal -> {
                                    running.countDown();
                                    while (!release.get()) {
                                        Thread.onSpinWait(); // deaf to its signal and to interrupts
                                    }
                                }))));
        assertTrue(running.await(10, TimeUnit.SECONDS));
        long before = System.nanoTime();
        backend.initializer().stopPlugin("stubborn");
        Duration stop = Duration.ofNanos(System.nanoTime() - before);

        assertTrue(stop.compareTo(Duration.ofMillis(900)) >= 0 && stop.compareTo(Duration.ofSeconds(5)) < 0,
                "the stop took " + stop);
        assertTrue(backends.logs.contains("did not return within PT1S of its abort; its thread is left running"),
                backends.logs.messages().toString());
        assertTrue(!threadsNamed("backline-scheduler-stubborn").isEmpty(), "the stubborn run's thread");
        release.set(true);
        assertTrue(await(DEADLINE, () -> threadsNamed("stubborn").isEmpty()), "threads left: " + threadsNamed("stubborn"));
    }

    @Test
    void theFirstRunWaitsForTheInitialDelay() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        long scheduledAt = System.nanoTime();
        AtomicReference<Duration> firstRunAfter = new AtomicReference<>();
        start("delayed", s -> s.scheduleTask("late", SchedulerTaskSchedule.every(Duration.ofMillis(100))
                .initialDelay(Duration.ofMillis(700)), signal -> {
                    if (runs.incrementAndGet() == 1) {
                        firstRunAfter.set(Duration.ofNanos(System.nanoTime() - scheduledAt));
                    }
                }));
        assertTrue(await(DEADLINE, () -> firstRunAfter.get() != null));
        assertTrue(firstRunAfter.get().toMillis() >= 650, "first run after " + firstRunAfter.get());
    }

    @Test
    void badSchedulesAreRefusedNamingTheTask() {
        AtomicReference<RuntimeException> duplicate = new AtomicReference<>();
        AtomicReference<RuntimeException> cron = new AtomicReference<>();
        start("strict", s -> {
            s.scheduleTask("once", SchedulerTaskSchedule.manual(), signal -> { });
            duplicate.set(assertThrows(IllegalArgumentException.class,
                    () -> s.scheduleTask("once", SchedulerTaskSchedule.manual(), signal -> { })));
            cron.set(assertThrows(IllegalArgumentException.class,
                    () -> s.scheduleTask("nightly", SchedulerTaskSchedule.cron("0 25 * * *"), signal -> { })));
        });
        assertEquals("Task 'once' is already scheduled by plugin 'strict'", duplicate.get().getMessage());
        assertTrue(cron.get().getMessage().startsWith("Task 'nightly' has an invalid cron expression '0 25 * * *'"),
                cron.get().getMessage());
        assertEquals(List.of("once"), scheduler.get().getScheduledTasks().stream().map(task -> task.id()).toList());
    }
}
