package dev.backline.scheduler.core;

import org.quartz.SchedulerConfigException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;

/** Quartz's JDBC job store, loading the classes its tables name through {@link OwnClassLoadHelper}. */
final class ClusteredJobStore extends JobStoreTX {

    @Override
    public void initialize(ClassLoadHelper quartzDefault, SchedulerSignaler signaler) throws SchedulerConfigException {
        super.initialize(new OwnClassLoadHelper(), signaler);
    }
}
