package dev.backline.events.osgi;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.BacklinePlugin;
import dev.backline.plugin.api.Registrar;

/** The {@code events} plugin (HTTP ingress, sharing events between instances) on the bundle's shared services. */
@Component(service = BackendPlugin.class)
@BacklinePlugin("events")
public final class EventsPluginComponent implements BackendPlugin {

    @Reference
    private EventsServiceComponent events;

    @Override
    public void register(Registrar env) {
        events.services().plugin().register(env);
    }
}
