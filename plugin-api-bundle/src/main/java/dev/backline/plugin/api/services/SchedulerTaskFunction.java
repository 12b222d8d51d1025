package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The work of a scheduled task. It should return soon after {@code signal} is aborted: at its timeout, when its
 * plugin stops, and when the backend shuts down. Its thread is also interrupted then. What it throws is logged and
 * shown as the task's last error; the next run happens as scheduled.
 *
 * @since 1.4
 */
@FunctionalInterface
@ConsumerType
public interface SchedulerTaskFunction {

    void run(AbortSignal signal) throws Exception;
}
