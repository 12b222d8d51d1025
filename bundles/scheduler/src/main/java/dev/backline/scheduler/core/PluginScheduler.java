package dev.backline.scheduler.core;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.errors.ConflictError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.DatabaseMigrations;
import dev.backline.plugin.api.services.DatabaseService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.SchedulerService;
import dev.backline.plugin.api.services.SchedulerTaskDescriptor;
import dev.backline.plugin.api.services.SchedulerTaskFunction;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.plugin.api.services.SchedulerTaskScope;

/**
 * One plugin's {@code core.scheduler} on one instance. Global tasks live in a clustered Quartz scheduler on the
 * plugin's database, local ones in an in-memory one; both are created when the first task of their scope is
 * scheduled, start running tasks once the plugin has started, and are shut down with the plugin.
 */
public final class PluginScheduler implements SchedulerService {

    static final String GROUP = "backline";
    /** Job data: the task's frequency, so a restart keeps a trigger whose schedule did not change. */
    static final String CADENCE = "cadence";

    private final String pluginId;
    private final String instanceId;
    private final DatabaseService database;
    private final LoggerService logger;
    private final QuartzSchedulers quartz;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private Scheduler global;
    private WorkerPool globalWorkers;
    private DataSource globalDataSource;
    private PluginConnections globalConnections;
    private Scheduler local;
    private WorkerPool localWorkers;
    private boolean started;
    private boolean closed;

    PluginScheduler(String pluginId, String instanceId, DatabaseService database, LoggerService logger,
            QuartzSchedulers quartz) {
        this.pluginId = pluginId;
        this.instanceId = instanceId;
        this.database = database;
        this.logger = logger;
        this.quartz = quartz;
    }

    /** The id this instance's schedulers have in the cluster (the {@code instance_name} of Quartz's tables). */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public void scheduleTask(String id, SchedulerTaskSchedule schedule, SchedulerTaskFunction fn) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Plugin '" + pluginId + "' scheduled a task without an id");
        }
        Objects.requireNonNull(schedule, "schedule of task '" + id + "'");
        Objects.requireNonNull(fn, "function of task '" + id + "'");
        String cron = schedule.frequency().cron().map(expression -> QuartzCron.toQuartz(id, expression)).orElse(null);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Plugin '" + pluginId + "' has stopped; task '" + id
                        + "' cannot be scheduled");
            }
            if (tasks.containsKey(id)) {
                throw new IllegalArgumentException("Task '" + id + "' is already scheduled by plugin '" + pluginId + "'");
            }
            Task task = new Task(id, schedule, fn);
            // In the table before Quartz knows it, so a run that fires at once finds it.
            tasks.put(id, task);
            try {
                store(scheduler(schedule.scope()), task, cron);
            } catch (SchedulerException | SQLException | RuntimeException e) {
                tasks.remove(id);
                throw new IllegalStateException("Plugin '" + pluginId + "' could not schedule task '" + id + "': "
                        + e.getMessage(), e);
            }
        }
        logger.info("Scheduled task '" + id + "' (" + schedule.scope().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + schedule.frequency() + ", timeout " + schedule.timeout() + ")");
    }

    @Override
    public void triggerTask(String id) {
        Task task;
        Scheduler scheduler;
        synchronized (this) {
            task = tasks.get(id);
            if (task == null) {
                throw new NotFoundError("Plugin '" + pluginId + "' has no scheduled task '" + id + "'");
            }
            scheduler = task.schedule.scope() == SchedulerTaskScope.GLOBAL ? global : local;
        }
        try {
            if (task.isRunning() || scheduler.getTriggerState(triggerKey(id)) == Trigger.TriggerState.BLOCKED) {
                throw new ConflictError("Task '" + id + "' of plugin '" + pluginId + "' is running");
            }
            scheduler.triggerJob(JobKey.jobKey(id, GROUP));
        } catch (SchedulerException e) {
            throw new ServiceUnavailableError("Task '" + id + "' of plugin '" + pluginId + "' could not be triggered: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<SchedulerTaskDescriptor> getScheduledTasks() {
        return tasks.values().stream().map(task -> new SchedulerTaskDescriptor(task.id, task.schedule)).toList();
    }

    /** Every task with its state on this instance, for the HTTP routes. */
    List<TaskState> taskStates() {
        List<Task> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(tasks.values());
        }
        List<TaskState> states = new ArrayList<>();
        for (Task task : snapshot) {
            Scheduler scheduler = task.schedule.scope() == SchedulerTaskScope.GLOBAL ? global : local;
            Instant startsAt = null;
            boolean runningAnywhere = task.isRunning();
            try {
                Trigger trigger = scheduler.getTrigger(triggerKey(task.id));
                if (trigger != null && trigger.getNextFireTime() != null) {
                    startsAt = trigger.getNextFireTime().toInstant();
                }
                runningAnywhere |= scheduler.getTriggerState(triggerKey(task.id)) == Trigger.TriggerState.BLOCKED;
            } catch (SchedulerException e) {
                logger.warn("Could not read the state of task '" + task.id + "': " + e.getMessage());
            }
            states.add(new TaskState(task.id, task.schedule, runningAnywhere, task.isRunning(), task.runStartedAt,
                    startsAt, task.lastRunEndedAt, task.lastRunError));
        }
        return states;
    }

    /** What the HTTP routes show of a task. */
    record TaskState(String id, SchedulerTaskSchedule schedule, boolean running, boolean runningHere,
            Instant startedAt, Instant startsAt, Instant lastRunEndedAt, String lastRunError) {
    }

    /** Lets Quartz run tasks, once the plugin has started. */
    synchronized void start() throws SchedulerException {
        if (closed || started) {
            return;
        }
        started = true;
        if (global != null) {
            global.start();
        }
        if (local != null) {
            local.start();
        }
    }

    /**
     * Stops every task: aborts running ones, shuts both schedulers down waiting (bounded) for the runs to return, and
     * releases this instance's rows when no run was left behind.
     */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Task task : getTasks()) {
            task.abort("plugin stopped");
        }
        boolean globalClean = shutdown(global, globalWorkers, "global");
        shutdown(local, localWorkers, "local");
        if (global != null && globalClean) {
            try {
                QuartzSchedulers.releaseInstance(globalDataSource, pluginId, instanceId);
            } catch (SQLException e) {
                logger.warn("Could not release scheduler instance '" + instanceId + "' in the scheduler tables (the"
                        + " other instances will, once they take it for dead): " + e.getMessage());
            }
        }
        if (globalConnections != null && globalClean) {
            globalConnections.release();
        }
    }

    private synchronized List<Task> getTasks() {
        return new ArrayList<>(tasks.values());
    }

    private boolean shutdown(Scheduler scheduler, WorkerPool workers, String scope) {
        if (scheduler == null) {
            return true;
        }
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            logger.warn("The " + scope + " scheduler did not shut down cleanly: " + e.getMessage());
        }
        if (!workers.awaitTermination()) {
            logger.warn("A " + scope + " task of plugin '" + pluginId + "' did not return within "
                    + quartz.settings().shutdownWait() + " of its abort; its thread is left running");
            return false;
        }
        return true;
    }

    /** One run of a task, on a Quartz worker thread. */
    void run(String id) {
        Task task;
        synchronized (this) {
            task = tasks.get(id);
            if (task == null || closed) {
                if (task == null) {
                    logger.warn("Skipped a run of task '" + id + "': this instance's plugin '" + pluginId
                            + "' has not scheduled it (another version of the plugin may have)");
                }
                return;
            }
        }
        AbortController signal = task.begin(Thread.currentThread());
        Duration timeout = task.schedule.timeout();
        CompletableFuture<Void> deadline = new CompletableFuture<Void>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        deadline.whenComplete((done, failure) -> {
            if (failure instanceof TimeoutException) {
                logger.warn("Task '" + id + "' timed out after " + timeout + "; its run is aborted");
                signal.abort("timeout after " + timeout);
            }
        });
        synchronized (this) {
            if (closed) {
                signal.abort("plugin stopped");
            }
        }
        String error = null;
        try {
            task.fn.run(signal);
        } catch (Throwable e) {
            error = String.valueOf(e);
            if (signal.aborted()) {
                logger.info("Task '" + id + "' ended after its abort (" + signal.reason() + "): " + e);
            } else if (e instanceof BackendError) {
                logger.error("Task '" + id + "' failed: " + e); // says what it is; no stack every period
            } else {
                logger.error("Task '" + id + "' failed: " + e, e);
            }
            if (e instanceof Error && !(e instanceof AssertionError)) {
                throw (Error) e;
            }
        } finally {
            deadline.complete(null);
            task.end(error);
        }
    }

    private Scheduler scheduler(SchedulerTaskScope scope) throws SchedulerException, SQLException {
        if (scope == SchedulerTaskScope.GLOBAL) {
            if (global == null) {
                if (!database.skipMigrations()) {
                    database.migrate(DatabaseMigrations.forPlugin(PluginScheduler.class)
                            .location("db/backline-scheduler").tablePrefix("backline_scheduler"));
                }
                globalDataSource = database.getClient();
                globalWorkers = new WorkerPool("backline-scheduler-" + pluginId + "-global-", quartz.settings().workers(),
                        quartz.settings().shutdownWait());
                globalConnections = new PluginConnections(pluginId, globalDataSource);
                global = quartz.global(pluginId, instanceId, globalConnections, globalDataSource, globalWorkers);
                global.setJobFactory((bundle, unused) -> new TaskJob(this));
                if (started) {
                    global.start();
                }
            }
            return global;
        }
        if (local == null) {
            localWorkers = new WorkerPool("backline-scheduler-" + pluginId + "-local-", quartz.settings().workers(),
                    quartz.settings().shutdownWait());
            local = quartz.local(pluginId, instanceId, localWorkers);
            local.setJobFactory((bundle, unused) -> new TaskJob(this));
            if (started) {
                local.start();
            }
        }
        return local;
    }

    /**
     * Stores the task's job and trigger. A global trigger already stored with the same frequency is kept, so an
     * instance starting does not move the next run another instance is waiting for.
     */
    private void store(Scheduler scheduler, Task task, String quartzCron) throws SchedulerException {
        SchedulerTaskSchedule schedule = task.schedule;
        String cadence = schedule.frequency().toString();
        JobKey jobKey = JobKey.jobKey(task.id, GROUP);
        TriggerKey triggerKey = triggerKey(task.id);
        JobDetail existingJob = scheduler.getJobDetail(jobKey);
        Trigger existingTrigger = scheduler.getTrigger(triggerKey);
        JobDetail job = JobBuilder.newJob(TaskJob.class).withIdentity(jobKey).storeDurably()
                .usingJobData(CADENCE, cadence).build();
        scheduler.addJob(job, true);
        if (schedule.frequency().isManual()) {
            if (existingTrigger != null) {
                scheduler.unscheduleJob(triggerKey);
            }
            return;
        }
        boolean unchanged = existingTrigger != null && existingJob != null
                && cadence.equals(existingJob.getJobDataMap().getString(CADENCE));
        if (unchanged) {
            return;
        }
        Date startAt = Date.from(Instant.now().plus(schedule.initialDelay()));
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(jobKey).startAt(startAt);
        Trigger trigger = quartzCron != null
                ? builder.withSchedule(CronScheduleBuilder.cronSchedule(quartzCron)
                        .inTimeZone(TimeZone.getTimeZone("UTC")).withMisfireHandlingInstructionDoNothing()).build()
                : builder.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(schedule.frequency().every().orElseThrow().toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount()).build();
        if (existingTrigger != null) {
            scheduler.rescheduleJob(triggerKey, trigger);
        } else {
            scheduler.scheduleJob(trigger);
        }
    }

    private static TriggerKey triggerKey(String id) {
        return TriggerKey.triggerKey(id, GROUP);
    }

    /** A task of this plugin, and its run on this instance. */
    private static final class Task {
        final String id;
        final SchedulerTaskSchedule schedule;
        final SchedulerTaskFunction fn;
        private AbortController signal;
        private Thread worker;
        volatile Instant runStartedAt;
        volatile Instant lastRunEndedAt;
        volatile String lastRunError;

        Task(String id, SchedulerTaskSchedule schedule, SchedulerTaskFunction fn) {
            this.id = id;
            this.schedule = schedule;
            this.fn = fn;
        }

        synchronized AbortController begin(Thread thread) {
            AbortController controller = new AbortController();
            signal = controller;
            worker = thread;
            runStartedAt = Instant.now();
            // Interrupt the worker as well, for tasks blocked in I/O or a sleep; only while this run holds it.
            controller.onAbort(() -> interrupt(controller));
            return controller;
        }

        private synchronized void interrupt(AbortController controller) {
            if (signal == controller && worker != null) {
                worker.interrupt();
            }
        }

        synchronized void end(String error) {
            signal = null;
            worker = null;
            runStartedAt = null;
            lastRunEndedAt = Instant.now();
            lastRunError = error;
            Thread.interrupted(); // an abort's interrupt must not reach the worker's next run
        }

        synchronized boolean isRunning() {
            return signal != null;
        }

        void abort(String reason) {
            AbortController current;
            synchronized (this) {
                current = signal;
            }
            if (current != null) {
                current.abort(reason);
            }
        }
    }

    @Override
    public String toString() {
        return "scheduler of plugin '" + pluginId + "' (instance " + instanceId + ")";
    }
}
