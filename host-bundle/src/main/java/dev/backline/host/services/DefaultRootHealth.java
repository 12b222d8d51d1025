package dev.backline.host.services;

import java.util.Map;
import java.util.function.Supplier;

import dev.backline.host.wiring.BackendState;
import dev.backline.plugin.api.services.RootHealthService;

/**
 * Liveness is always 200 while the process serves. Readiness follows the backend's state: 503 "not
 * started yet" until the root startup hooks have run, 200 then, 503 "shutting down" from the moment
 * shutdown begins (so before-shutdown hooks already see it), and 503 "startup failed" after a start the
 * boot-failure policy aborted.
 */
public final class DefaultRootHealth implements RootHealthService {

    private final Supplier<BackendState> state;

    public DefaultRootHealth(Supplier<BackendState> state) {
        this.state = state;
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
            case START_FAILED -> unavailable("Backend startup failed; the log lists every failure");
            default -> unavailable("Backend has not started yet");
        };
    }

    private static HealthCheckResult unavailable(String message) {
        return new HealthCheckResult(503, Map.of("message", message));
    }
}
