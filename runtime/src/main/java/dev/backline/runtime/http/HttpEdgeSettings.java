package dev.backline.runtime.http;

import java.time.Duration;

import dev.backline.runtime.config.ConfigDurations;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * What the dispatcher applies to every request before routing: CORS ({@code backend.cors}), the largest
 * request body ({@code backend.server.maxBodySize}) and how long its arrival may take
 * ({@code backend.server.requestBodyTimeout}).
 */
public record HttpEdgeSettings(CorsPolicy cors, long maxBodySize, Duration requestBodyTimeout) {

    /** Before the root configuration exists: no cross-origin access, the default body limit and time-out. */
    public static final HttpEdgeSettings DEFAULTS = new HttpEdgeSettings(CorsPolicy.NONE, RequestBodyLimit.DEFAULT,
            BodyReader.DEFAULT_TIMEOUT);

    /**
     * @throws RuntimeException naming the key, for a value that cannot be used
     */
    public static HttpEdgeSettings from(Config root) {
        long maxBodySize = root.getOptional(RequestBodyLimit.KEY).map(RequestBodyLimit::parse).orElse(RequestBodyLimit.DEFAULT);
        Duration bodyTimeout = ConfigDurations.read(root, BodyReader.TIMEOUT_KEY).orElse(BodyReader.DEFAULT_TIMEOUT);
        if (bodyTimeout.isZero() || bodyTimeout.isNegative()) {
            throw new ConfigException(BodyReader.TIMEOUT_KEY, "Invalid value for " + BodyReader.TIMEOUT_KEY + ": it must be longer than zero");
        }
        return new HttpEdgeSettings(CorsPolicy.from(root), maxBodySize, bodyTimeout);
    }
}
