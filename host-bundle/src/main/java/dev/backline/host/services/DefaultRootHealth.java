package dev.backline.host.services;

import java.util.Map;

import dev.backline.plugin.api.services.RootHealthService;
import dev.backline.plugin.api.services.RootLifecycleService;

/**
 * Liveness is always 200 while the process serves. Readiness follows the root lifecycle: 503 "not
 * started yet" until the root startup hooks run, 200 then, 503 "shutting down" once shutdown begins.
 */
public final class DefaultRootHealth implements RootHealthService {

    private enum Phase { NOT_STARTED, READY, SHUTTING_DOWN }

    private volatile Phase phase = Phase.NOT_STARTED;

    public DefaultRootHealth(RootLifecycleService lifecycle) {
        lifecycle.addStartupHook(() -> phase = Phase.READY);
        lifecycle.addBeforeShutdownHook(() -> phase = Phase.SHUTTING_DOWN);
    }

    @Override
    public HealthCheckResult getLiveness() {
        return new HealthCheckResult(200, Map.of("status", "ok"));
    }

    @Override
    public HealthCheckResult getReadiness() {
        return switch (phase) {
            case READY -> new HealthCheckResult(200, Map.of("status", "ok"));
            case NOT_STARTED -> unavailable("Backend has not started yet");
            case SHUTTING_DOWN -> unavailable("Backend is shutting down");
        };
    }

    private static HealthCheckResult unavailable(String message) {
        return new HealthCheckResult(503, Map.of("message", message));
    }
}
