package dev.backline.host.http;

import dev.backline.plugin.api.services.Config;

/**
 * What the dispatcher applies to every request before routing: CORS ({@code backend.cors}) and the largest
 * request body ({@code backend.server.maxBodySize}).
 */
public record HttpEdgeSettings(CorsPolicy cors, long maxBodySize) {

    /** Before the root configuration exists: no cross-origin access, the default body limit. */
    public static final HttpEdgeSettings DEFAULTS = new HttpEdgeSettings(CorsPolicy.NONE, RequestBodyLimit.DEFAULT);

    /**
     * @throws RuntimeException naming the key, for a value that cannot be used
     */
    public static HttpEdgeSettings from(Config root) {
        long maxBodySize = root.getOptional(RequestBodyLimit.KEY).map(RequestBodyLimit::parse).orElse(RequestBodyLimit.DEFAULT);
        return new HttpEdgeSettings(CorsPolicy.from(root), maxBodySize);
    }
}
