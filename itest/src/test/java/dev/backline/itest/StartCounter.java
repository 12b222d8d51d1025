package dev.backline.itest;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.services.CoreServices;

/**
 * Counts how often a plugin starts: a module of that plugin, registered as an OSGi service from the test
 * bundle, whose init (run at every start of the plugin, before the plugin's own init) increments a counter.
 * Registering and unregistering it restarts the plugin once, like any module bundle.
 */
public final class StartCounter implements AutoCloseable {

    public static final String MODULE_ID = "itest-start-counter";

    private final String pluginId;
    private final AtomicInteger starts = new AtomicInteger();
    private final ServiceRegistration<BackendModule> registration;

    private StartCounter(BundleContext context, String pluginId) {
        this.pluginId = pluginId;
        BackendModule module = BackendModule.create(pluginId, MODULE_ID,
                env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> starts.incrementAndGet()));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("backline.plugin.id", pluginId);
        properties.put("backline.module.id", MODULE_ID);
        this.registration = context.registerService(BackendModule.class, module, properties);
    }

    /** Registers the counting module and waits until the plugin has restarted with it. */
    public static StartCounter register(BundleContext context, String pluginId) {
        StartCounter counter = new StartCounter(context, pluginId);
        Await.until("plugin '" + pluginId + "' to restart with module " + MODULE_ID, counter::starts, n -> n >= 1);
        return counter;
    }

    public int starts() {
        return starts.get();
    }

    public String pluginId() {
        return pluginId;
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework already unregistered it
        }
    }
}
