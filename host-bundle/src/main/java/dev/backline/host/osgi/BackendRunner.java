package dev.backline.host.osgi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.backline.runtime.Backend;
import dev.backline.runtime.wiring.Scope;
import dev.backline.runtime.wiring.BackendInitializer;
import dev.backline.runtime.wiring.BackendStartupException;
import dev.backline.runtime.wiring.BackendState;
import dev.backline.runtime.wiring.PluginStartupResult;
import dev.backline.runtime.wiring.PluginState;
import dev.backline.runtime.wiring.PluginStatus;
import dev.backline.runtime.wiring.ServiceSource;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceScope;
import dev.backline.plugin.api.services.LoggerService;

/**
 * Runs the backend for the host: its first start, on a thread of its own, then a restart of one plugin
 * for each change that touches it (a plugin, module or service factory arriving or leaving, its
 * configuration changing) at once, the changes made while it restarts gathered into one more restart; a
 * service leaving waits a moment for its return, so that a bundle update gives one restart. Each restart's
 * log line says why.
 * Changes made while the first start runs are applied right after it. No method runs plugin code on the
 * caller's thread or waits for a plugin.
 */
final class BackendRunner implements FeatureServices.Sink {

    /**
     * How long a plugin whose plugin or module service left waits for it to come back before restarting: a bundle
     * update unregisters and registers again within milliseconds, and should give one restart, not two. An arrival
     * restarts at once.
     */
    static final Duration REMOVAL_FOLLOW_UP = Duration.ofMillis(100);

    private final Backend backend;
    private final LoggerService logger;
    private final RestartCoalescer restarts;
    private final Consumer<String> onStartupFailure;
    /** Plugins changed while the first start ran, with why; guarded by this. */
    private final Map<String, Set<String>> changedDuringStart = new LinkedHashMap<>();
    private volatile boolean closing;

    /**
     * @param scheduler        runs the coalesced restart requests (it only sends them off)
     * @param onStartupFailure told why when the first start fails (the host decides whether to exit)
     */
    BackendRunner(Backend backend, LoggerService logger, ScheduledExecutorService scheduler,
            Consumer<String> onStartupFailure) {
        this.backend = backend;
        this.logger = logger;
        this.onStartupFailure = onStartupFailure;
        this.restarts = new RestartCoalescer(scheduler, REMOVAL_FOLLOW_UP, this::restart);
    }

    /** Starts the backend on a thread of its own; the future completes when the start has ended. */
    CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                runStart();
            } finally {
                done.complete(null);
            }
        }, "backline-startup");
        starter.setDaemon(true);
        starter.start();
        return done;
    }

    private void runStart() {
        try {
            backend.start();
            logger.info("Backend started; listening for plugins, modules and service factories from bundles");
        } catch (BackendStartupException e) {
            // The initializer logged every failure; readiness says which plugins failed.
            onStartupFailure.accept("Backend startup failed");
        } catch (RuntimeException e) {
            logger.error("Backend failed to start: " + e.getMessage(), e);
            onStartupFailure.accept("Backend failed to start: " + e.getMessage());
        }
        synchronized (this) {
            changedDuringStart.forEach((pluginId, reasons) -> reasons.forEach(reason -> requestRestart(pluginId, reason)));
            changedDuringStart.clear();
        }
    }

    @Override
    public void added(BackendFeature feature, String reason) {
        apply(backend.initializer().add(feature), reason);
    }

    @Override
    public void removed(BackendFeature feature, String reason) {
        apply(backend.initializer().remove(feature), reason, true);
    }

    /** The plugin's configuration changed in a way it must restart for. */
    void configurationChanged(String pluginId, String reason) {
        backend.initializer().markChanged(pluginId);
        apply(Optional.of(pluginId), reason);
    }

    private void apply(Optional<String> pluginId, String reason) {
        apply(pluginId, reason, false);
    }

    private synchronized void apply(Optional<String> pluginId, String reason, boolean removal) {
        if (closing || pluginId.isEmpty()) {
            return;
        }
        switch (backend.initializer().state()) {
            case STARTING -> changedDuringStart.computeIfAbsent(pluginId.get(), k -> new LinkedHashSet<>()).add(reason);
            case STARTED, START_FAILED -> {
                if (!closing) {
                    restarts.request(pluginId.get(), reason, removal);
                }
            }
            default -> {
                // NOT_STARTED: the first start takes the change in; STOPPING, STOPPED: nothing to do.
            }
        }
    }

    private void requestRestart(String pluginId, String reason) {
        if (!closing) {
            restarts.request(pluginId, reason);
        }
    }

    /**
     * A service factory from a bundle came or went: the plugins using that service stop, the factory is
     * swapped, and they start again on what is there now; an arriving factory also starts the plugins that failed
     * for want of it. A root service in use cannot be swapped.
     */
    void factoryChanged(ServiceFactory<?> factory, boolean added, String origin) {
        if (closing) {
            return;
        }
        String id = factory.service().id();
        BackendInitializer initializer = backend.initializer();
        BackendState state = initializer.state();
        boolean running = state == BackendState.STARTED || state == BackendState.START_FAILED;
        if (running && factory.service().scope() == ServiceScope.ROOT
                && initializer.registry().existingInstance(factory.service(), Scope.ROOT).isPresent()) {
            logger.error("Root service '" + id + "' is in use and cannot be " + (added ? "replaced" : "removed")
                    + " while the backend runs; the change applies at the next restart of the backend");
            return;
        }
        java.util.Set<String> using = new java.util.TreeSet<>();
        if (running) {
            using.addAll(initializer.registry().pluginsUsing(id));
            if (added) {
                // a plugin that failed for want of this service starts again now that it is here
                using.addAll(initializer.pluginsMissing(id));
            }
        }
        List<String> affected = List.copyOf(using);
        String reason = "service factory '" + id + "' of " + origin + (added ? " added" : " removed");
        CompletableFuture.allOf(affected.stream().map(initializer::stopPluginAsync).toArray(CompletableFuture<?>[]::new))
                .whenComplete((ignored, stopError) -> {
                    try {
                        if (added) {
                            initializer.registry().add(factory, ServiceSource.EXPLICIT, origin);
                        } else {
                            initializer.registry().remove(factory);
                        }
                    } catch (RuntimeException e) {
                        logger.error("Service factory for '" + id + "' of " + origin + " was not "
                                + (added ? "added" : "removed") + ": " + e.getMessage(), e);
                    }
                    affected.forEach(pluginId -> {
                        initializer.markChanged(pluginId);
                        requestRestart(pluginId, reason);
                    });
                });
    }

    /**
     * Restarts the plugin, unless its latest start already took every change in (a change made while the previous
     * restart was queued usually is); the future completes when the restart has ended, whatever its outcome.
     */
    private CompletableFuture<?> restart(String pluginId, List<String> reasons) {
        if (closing || !backend.initializer().needsRestart(pluginId)) {
            return CompletableFuture.completedFuture(null);
        }
        boolean firstStart = status(pluginId).flatMap(PluginStatus::lastStart).isEmpty();
        try {
            return backend.initializer().restartPluginAsync(pluginId, summary(reasons))
                    .whenComplete((result, error) -> report(pluginId, firstStart, result, error));
        } catch (RuntimeException e) {
            logger.error("Restart of plugin '" + pluginId + "' failed: " + e.getMessage(), e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private void report(String pluginId, boolean firstStart, Optional<PluginStartupResult> result, Throwable error) {
        if (error != null) {
            logger.error("Restart of plugin '" + pluginId + "' failed: " + error.getMessage(), error);
            return;
        }
        if (result.isEmpty()) {
            if (status(pluginId).map(PluginStatus::state).filter(PluginState.WAITING::equals).isEmpty()) {
                logger.info("Plugin '" + pluginId + "' is no longer installed");
            }
            return; // otherwise the initializer logged the modules left waiting for it
        }
        PluginStartupResult started = result.get();
        // Module failures do not fail the plugin, so they are only visible here.
        started.failureLines().forEach(logger::error);
        started.failure().ifPresentOrElse(
                failure -> logger.error("Plugin '" + pluginId + "' failed to start", failure.error()),
                () -> logger.info("Plugin '" + pluginId + "' " + (firstStart ? "installed and started" : "restarted")
                        + " in " + started.duration().toMillis() + " ms"));
    }

    private Optional<PluginStatus> status(String pluginId) {
        return backend.initializer().plugins().stream().filter(p -> p.pluginId().equals(pluginId)).findFirst();
    }

    /**
     * The reasons of one restart, each subject once: "module 'm' of bundle b removed" followed by "module 'm'
     * of bundle b added" is "module 'm' of bundle b updated".
     */
    static String summary(List<String> reasons) {
        Map<String, Set<String>> bySubject = new LinkedHashMap<>();
        for (String reason : reasons) {
            int space = reason.lastIndexOf(' ');
            String verb = space < 0 ? "" : reason.substring(space + 1);
            boolean known = verb.equals("added") || verb.equals("removed");
            bySubject.computeIfAbsent(known ? reason.substring(0, space) : reason, k -> new LinkedHashSet<>())
                    .add(known ? verb : "");
        }
        List<String> parts = new ArrayList<>();
        bySubject.forEach((subject, verbs) -> parts.add(verbs.contains("added") && verbs.contains("removed")
                ? subject + " updated"
                : verbs.contains("") ? subject : subject + " " + verbs.iterator().next()));
        return String.join("; ", parts);
    }

    /**
     * The plugins with a change not applied yet: a restart waiting for the previous one, for the first start
     * to end, or a start or stop under way.
     */
    List<String> pendingChanges() {
        java.util.TreeSet<String> pending = new java.util.TreeSet<>(restarts.pendingKeys());
        synchronized (this) {
            pending.addAll(changedDuringStart.keySet());
        }
        pending.addAll(backend.initializer().busyPlugins());
        return List.copyOf(pending);
    }

    /** Stops the backend: no restart is started any more, pending ones are dropped. */
    void stop() {
        closing = true;
        restarts.cancelAll();
        backend.stop();
    }
}
