package dev.backline.scheduler.core;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * What Quartz runs for every task: the run of the task named by the job's key, on the plugin's scheduler. Non
 * concurrent, so a run never overlaps the previous one, across instances too. Its class name is stored in the job
 * tables, so it must not be renamed.
 */
@DisallowConcurrentExecution
public final class TaskJob implements Job {

    private final PluginScheduler owner;

    TaskJob(PluginScheduler owner) {
        this.owner = owner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        owner.run(context.getJobDetail().getKey().getName());
    }
}
