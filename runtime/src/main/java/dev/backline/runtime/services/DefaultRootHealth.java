package dev.backline.runtime.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.backline.runtime.wiring.BackendState;
import dev.backline.runtime.wiring.StartupResult;
import dev.backline.plugin.api.services.RootHealthService;

/**
 * Liveness is always 200 while the process serves. Readiness follows the backend's state: 503 "not
 * started yet" until the root startup hooks have run, 200 then, 503 "shutting down" from the moment
 * shutdown begins (so before-shutdown hooks already see it), and 503 "startup failed" after a start the
 * boot-failure policy aborted, naming the plugins that failed (ids only: the causes are in the log and
 * the shell, not on a public endpoint). A 503 body is {@code {"status":"error","message":…}}.
 */
public final class DefaultRootHealth implements RootHealthService {

    private final Supplier<BackendState> state;
    private final Supplier<Optional<StartupResult>> lastStart;

    public DefaultRootHealth(Supplier<BackendState> state, Supplier<Optional<StartupResult>> lastStart) {
        this.state = state;
        this.lastStart = lastStart;
    }

    @Override
    public HealthCheckResult getLiveness() {
        return new HealthCheckResult(200, Map.of("status", "ok"));
    }

    @Override
    public HealthCheckResult getReadiness() {
        return switch (state.get()) {
            case STARTED -> new HealthCheckResult(200, Map.of("status", "ok"));
            case STOPPING, STOPPED -> unavailable("Backend is shutting down");
            case START_FAILED -> unavailable(startFailure());
            default -> unavailable("Backend has not started yet");
        };
    }

    private String startFailure() {
        List<String> failed = new ArrayList<>();
        lastStart.get().ifPresent(result -> result.plugins().forEach(plugin -> {
            plugin.failure().filter(f -> !f.allowed()).ifPresent(f -> failed.add("plugin '" + plugin.pluginId() + "'"));
            plugin.modules().forEach(module -> module.failure().filter(f -> !f.allowed()).ifPresent(f -> failed.add(
                    "module '" + module.moduleId() + "' of plugin '" + plugin.pluginId() + "'")));
        }));
        return failed.isEmpty() ? "Backend startup failed; the log says why"
                : "Backend startup failed; failed: " + String.join(", ", failed) + " (the log and backline:startup say why)";
    }

    /** The 503 body of a health probe, as Backstage writes it. */
    public static HealthCheckResult unavailable(String message) {
        return new HealthCheckResult(503, Map.of("status", "error", "message", message));
    }
}
