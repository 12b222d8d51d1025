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

    /**
     * A schedule from configuration, as Backstage's {@code readSchedulerServiceTaskScheduleDefinitionFromConfig} reads
     * it: {@code frequency} ({@code {cron: '0 * * * *'}}, a duration such as {@code {minutes: 30}}, or
     * {@code {trigger: manual}}), {@code timeout} (a duration, required), {@code initialDelay} (a duration) and
     * {@code scope} ({@code global}, the default, or {@code local}).
     *
     * <pre>{@code
     * SchedulerTaskSchedule.fromConfig(config.getConfig("catalog.refresh.schedule"))
     * }</pre>
     *
     * @throws ConfigException naming the key when one is missing or invalid
     */
    public static SchedulerTaskSchedule fromConfig(Config config) {
        Object raw = config.get("frequency"); // a missing frequency is named by its full key path
        SchedulerTaskFrequency frequency;
        if (raw instanceof java.util.Map<?, ?> object && object.containsKey("cron")) {
            frequency = SchedulerTaskFrequency.cron(config.getString("frequency.cron"));
        } else if (raw instanceof java.util.Map<?, ?> object && object.containsKey("trigger")) {
            String trigger = config.getString("frequency.trigger");
            if (!"manual".equals(trigger)) {
                throw new ConfigException("frequency.trigger", "A task's frequency.trigger can only be 'manual', got '"
                        + trigger + "'");
            }
            frequency = SchedulerTaskFrequency.manual();
        } else {
            frequency = SchedulerTaskFrequency.every(config.getOptionalDuration("frequency").orElseThrow());
        }
        config.get("timeout");
        Duration timeout = config.getOptionalDuration("timeout").orElseThrow();
        Duration initialDelay = config.getOptionalDuration("initialDelay").orElse(Duration.ZERO);
        SchedulerTaskScope scope = switch (config.getOptionalString("scope").orElse("global")) {
            case "global" -> SchedulerTaskScope.GLOBAL;
            case "local" -> SchedulerTaskScope.LOCAL;
            default -> throw new ConfigException("scope", "A task's scope must be 'global' or 'local', got '"
                    + config.getString("scope") + "'");
        };
        try {
            return new SchedulerTaskSchedule(frequency, timeout, initialDelay, scope);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("timeout", e.getMessage(), e);
        }
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
