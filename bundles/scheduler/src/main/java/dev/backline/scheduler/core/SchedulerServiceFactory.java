package dev.backline.scheduler.core;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.quartz.SchedulerException;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.SchedulerService;

/**
 * The {@code core.scheduler} factory. In OSGi this bundle registers it as a service; in plain Java add it to the
 * backend: {@code builder.add(SchedulerServiceFactory.create())}.
 */
public final class SchedulerServiceFactory {

    private SchedulerServiceFactory() {
    }

    public static ServiceFactory<SchedulerService> create() {
        String hostId = UUID.randomUUID().toString().substring(0, 8);
        return ServiceFactory.of(CoreServices.SCHEDULER)
                .deps(CoreServices.ROOT_CONFIG, CoreServices.PLUGIN_METADATA, CoreServices.LOGGER, CoreServices.LIFECYCLE,
                        CoreServices.DATABASE, CoreServices.HTTP_ROUTER)
                .rootContext(deps -> new QuartzSchedulers(hostId, SchedulerSettings.from(deps.get(CoreServices.ROOT_CONFIG))))
                .factory((deps, quartz) -> {
                    String pluginId = deps.get(CoreServices.PLUGIN_METADATA).getId();
                    PluginScheduler scheduler = new PluginScheduler(pluginId, newInstanceId(), deps.get(CoreServices.DATABASE),
                            deps.get(CoreServices.LOGGER), quartz);
                    var lifecycle = deps.get(CoreServices.LIFECYCLE);
                    lifecycle.addStartupHook(() -> {
                        try {
                            scheduler.start();
                        } catch (SchedulerException e) {
                            throw new IllegalStateException("The scheduler of plugin '" + pluginId + "' did not start: "
                                    + e.getMessage(), e);
                        }
                    });
                    lifecycle.addShutdownHook(scheduler::close);
                    deps.get(CoreServices.HTTP_ROUTER).useResources(SchedulerResource.MOUNT,
                            new SchedulerResource(pluginId, scheduler));
                    return scheduler;
                });
    }

    /** Unique in the cluster: host, process and a random part, as one process starts a plugin many times. */
    private static String newInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
