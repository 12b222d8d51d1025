package dev.backline.plugin.api.services;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a task runs: on a cron expression, every fixed duration, or only when triggered.
 *
 * @since 1.4
 */
public final class SchedulerTaskFrequency {

    private static final SchedulerTaskFrequency MANUAL = new SchedulerTaskFrequency(null, null);

    private final String cron;
    private final Duration every;

    private SchedulerTaskFrequency(String cron, Duration every) {
        this.cron = cron;
        this.every = every;
    }

    /**
     * A cron expression: five fields as Backstage writes them ({@code *&#47;5 * * * *}: minute, hour, day of month,
     * month, day of week with 0 or 7 for Sunday), or six with seconds first. It is checked when the task is scheduled.
     */
    public static SchedulerTaskFrequency cron(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("A cron frequency needs an expression, got '" + expression + "'");
        }
        return new SchedulerTaskFrequency(expression.trim(), null);
    }

    /** Every {@code period}, counted from the start of one run to the start of the next. */
    public static SchedulerTaskFrequency every(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A task frequency must be positive, got " + period);
        }
        return new SchedulerTaskFrequency(null, period);
    }

    /** Only when triggered ({@link SchedulerService#triggerTask}, or the scheduler's HTTP route). */
    public static SchedulerTaskFrequency manual() {
        return MANUAL;
    }

    public Optional<String> cron() {
        return Optional.ofNullable(cron);
    }

    public Optional<Duration> every() {
        return Optional.ofNullable(every);
    }

    public boolean isManual() {
        return cron == null && every == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchedulerTaskFrequency that && Objects.equals(cron, that.cron)
                && Objects.equals(every, that.every);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cron, every);
    }

    /** {@code cron '0 * * * *'}, {@code every PT30S} or {@code manual}. */
    @Override
    public String toString() {
        return cron != null ? "cron '" + cron + "'" : every != null ? "every " + every : "manual";
    }
}
