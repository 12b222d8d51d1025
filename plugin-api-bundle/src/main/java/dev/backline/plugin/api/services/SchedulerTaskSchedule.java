package dev.backline.plugin.api.services;

import java.time.Duration;
import java.util.Objects;

/**
 * When and where a task runs, and how long a run may take: Backstage's task schedule definition. Immutable;
 * each {@code with} method returns a copy.
 *
 * <pre>{@code
 * SchedulerTaskSchedule.cron("0 * * * *").timeout(Duration.ofMinutes(10)).scope(SchedulerTaskScope.LOCAL)
 * }</pre>
 *
 * @param frequency    how often it runs
 * @param timeout      how long a run may take; then its signal is aborted and the task is free to run again
 * @param initialDelay how long after scheduling the first run waits, zero for none
 * @param scope        global (once across instances) or local (on each instance)
 * @since 1.4
 */
public record SchedulerTaskSchedule(SchedulerTaskFrequency frequency, Duration timeout, Duration initialDelay,
        SchedulerTaskScope scope) {

    /** A run's timeout unless one is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public SchedulerTaskSchedule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(scope, "scope");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A task timeout must be positive, got " + timeout);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("A task's initial delay cannot be negative, got " + initialDelay);
        }
    }

    /** Global, with the default timeout and no initial delay. */
    public static SchedulerTaskSchedule of(SchedulerTaskFrequency frequency) {
        return new SchedulerTaskSchedule(frequency, DEFAULT_TIMEOUT, Duration.ZERO, SchedulerTaskScope.GLOBAL);
    }

    public static SchedulerTaskSchedule every(Duration period) {
        return of(SchedulerTaskFrequency.every(period));
    }

    public static SchedulerTaskSchedule cron(String expression) {
        return of(SchedulerTaskFrequency.cron(expression));
    }

    public static SchedulerTaskSchedule manual() {
        return of(SchedulerTaskFrequency.manual());
    }

    public SchedulerTaskSchedule timeout(Duration value) {
        return new SchedulerTaskSchedule(frequency, value, initialDelay, scope);
    }

    public SchedulerTaskSchedule initialDelay(Duration value) {
        return new SchedulerTaskSchedule(frequency, timeout, value, scope);
    }

    public SchedulerTaskSchedule scope(SchedulerTaskScope value) {
        return new SchedulerTaskSchedule(frequency, timeout, initialDelay, value);
    }
}
