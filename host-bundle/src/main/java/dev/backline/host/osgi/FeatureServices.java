package dev.backline.host.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.backline.runtime.shell.WaitingModule;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The plugin and module services of the container as the host tracks them. A module whose plugin has no
 * service yet is not activated: it waits (logged, and listed by {@link #waitingModules()}) until the plugin
 * arrives. Activating a service may run plugin code (a DS component's constructor), so it happens on the
 * activator's threads; its outcome comes back through the host's thread, in order with other events.
 *
 * <p>Every method runs on the host's single thread ({@code hostThread}); none blocks.
 */
final class FeatureServices {

    /** One plugin or module service of the container. */
    interface FeatureService {
        /** True for a {@code BackendModule} service, false for a {@code BackendPlugin}. */
        boolean module();

        /** The {@code backline.plugin.id} service property, if set. */
        Optional<String> declaredPluginId();

        /** The {@code backline.module.id} service property, if set. */
        Optional<String> declaredModuleId();

        /** Where it comes from, e.g. "bundle dev.backline.example.plugin 0.1.0 [28]". */
        String origin();

        /** Gets the service object (activating its component); empty when it cannot be had. */
        CompletableFuture<Optional<BackendFeature>> activate();

        /** Releases the service object. */
        void deactivate();
    }

    /** Where activated features go. */
    interface Sink {
        void added(BackendFeature feature, String reason);

        void removed(BackendFeature feature, String reason);

        /** An activation has ended, whatever its outcome ({@link #activating()} may now be zero). */
        default void activationEnded() {
        }
    }

    private enum Stage { WAITING, ACTIVATING, ACTIVE }

    private static final class Entry {
        Stage stage;
        BackendFeature feature;
    }

    private final Executor hostThread;
    private final Sink sink;
    private final LoggerService logger;
    private final Map<FeatureService, Entry> services = new LinkedHashMap<>();
    /** Plugin services by plugin id (declared, or read once activated), to know when modules may go. */
    private final Map<String, Integer> pluginServices = new HashMap<>();
    private int activating;

    FeatureServices(Executor hostThread, Sink sink, LoggerService logger) {
        this.hostThread = Objects.requireNonNull(hostThread, "hostThread");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** A plugin or module service was registered. */
    void arrived(FeatureService service) {
        Entry entry = new Entry();
        services.put(service, entry);
        Optional<String> pluginId = service.declaredPluginId();
        if (service.module() && pluginId.isPresent() && pluginServices.getOrDefault(pluginId.get(), 0) <= 0) {
            entry.stage = Stage.WAITING;
            logger.info("Module '" + service.declaredModuleId().orElse("?") + "' of " + service.origin()
                    + " waits for plugin '" + pluginId.get() + "', which is not installed; it starts when the plugin arrives");
            return;
        }
        if (!service.module()) {
            pluginId.ifPresent(this::countPlugin);
        }
        activate(service, entry);
    }

    /** A plugin or module service was unregistered. */
    void left(FeatureService service) {
        Entry entry = services.remove(service);
        if (entry == null || entry.stage == Stage.WAITING) {
            return;
        }
        if (!service.module()) {
            Optional.ofNullable(entry.feature).map(BackendFeature::pluginId).or(service::declaredPluginId)
                    .ifPresent(id -> pluginServices.merge(id, -1, Integer::sum));
        }
        if (entry.stage == Stage.ACTIVE) {
            service.deactivate();
            sink.removed(entry.feature, describe(service, entry.feature) + " removed");
        }
        // Still activating: activated() finds it gone and releases it.
    }

    /** Modules waiting for a plugin that is not installed, in arrival order. */
    List<WaitingModule> waitingModules() {
        List<WaitingModule> waiting = new ArrayList<>();
        services.forEach((service, entry) -> {
            if (entry.stage == Stage.WAITING) {
                waiting.add(new WaitingModule(service.declaredPluginId().orElseThrow(),
                        service.declaredModuleId().orElse("?"), service.origin()));
            }
        });
        return waiting;
    }

    private void activate(FeatureService service, Entry entry) {
        entry.stage = Stage.ACTIVATING;
        activating++;
        service.activate().whenComplete((feature, error) -> hostThread.execute(() -> activated(service, entry,
                error == null ? feature : Optional.empty(), error)));
    }

    /** How many services are being activated now. */
    int activating() {
        return activating;
    }

    private void activated(FeatureService service, Entry entry, Optional<BackendFeature> feature, Throwable error) {
        activating--;
        try {
            takeIn(service, entry, feature, error);
        } finally {
            sink.activationEnded();
        }
    }

    private void takeIn(FeatureService service, Entry entry, Optional<BackendFeature> feature, Throwable error) {
        if (services.get(service) != entry) {
            feature.ifPresent(f -> service.deactivate()); // it left while being activated
            return;
        }
        if (feature.isEmpty()) {
            services.remove(service);
            logger.error("The " + (service.module() ? "module" : "plugin") + " service of " + service.origin()
                    + " could not be activated" + (error == null ? "; see the log above" : ": " + error), error);
            return;
        }
        BackendFeature activated = feature.get();
        entry.stage = Stage.ACTIVE;
        entry.feature = activated;
        service.declaredPluginId().filter(declared -> !declared.equals(activated.pluginId())).ifPresent(declared ->
                logger.error("Service property backline.plugin.id=" + declared + " of " + service.origin()
                        + " does not match its plugin id '" + activated.pluginId() + "'; using '" + activated.pluginId() + "'"));
        if (!service.module()) {
            if (service.declaredPluginId().isEmpty()) {
                countPlugin(activated.pluginId());
            }
            releaseWaitingModules(activated.pluginId());
        }
        sink.added(activated, describe(service, activated) + " added");
    }

    private void countPlugin(String pluginId) {
        pluginServices.merge(pluginId, 1, Integer::sum);
    }

    private void releaseWaitingModules(String pluginId) {
        List<Map.Entry<FeatureService, Entry>> released = services.entrySet().stream()
                .filter(e -> e.getValue().stage == Stage.WAITING
                        && e.getKey().declaredPluginId().filter(pluginId::equals).isPresent())
                .toList();
        released.forEach(e -> activate(e.getKey(), e.getValue()));
    }

    private static String describe(FeatureService service, BackendFeature feature) {
        return (feature instanceof dev.backline.plugin.api.BackendModule module
                ? "module '" + module.moduleId() + "'" : "plugin '" + feature.pluginId() + "'") + " of " + service.origin();
    }
}
