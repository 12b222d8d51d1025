package dev.backline.plugin.api.services;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The backend's health, as the {@code /.backstage/health/v1/*} probes report it. */
@ProviderType
public interface RootHealthService {

    /**
     * An HTTP status and a JSON body.
     *
     * @param status  200 when healthy, 503 otherwise
     * @param payload the JSON object to answer with
     */
    record HealthCheckResult(int status, Map<String, Object> payload) {
        public HealthCheckResult {
            payload = Map.copyOf(payload);
        }
    }

    /** 200 while the process serves. */
    HealthCheckResult getLiveness();

    /** 503 until startup has finished, 200 then, 503 again once shutdown begins. */
    HealthCheckResult getReadiness();
}
