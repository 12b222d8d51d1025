package dev.backline.cache.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * The cache's settings: {@code backend.cache.store} ({@code memory}, the default, or {@code redis}),
 * {@code backend.cache.connection} (a {@code redis://} URL, for Redis), {@code backend.cache.defaultTtl} and
 * {@code backend.cache.memory.maxEntries} (10,000 unless set).
 */
record CacheSettings(String store, URI connection, Duration defaultTtl, long maxEntries) {

    static final long DEFAULT_MAX_ENTRIES = 10_000;

    /** @throws ConfigException naming the key when a value is missing or invalid */
    static CacheSettings from(Config root) {
        String store = root.getOptionalString("backend.cache.store").orElse("memory");
        Duration defaultTtl = root.getOptionalDuration("backend.cache.defaultTtl").orElse(null);
        long maxEntries = root.getOptionalInt("backend.cache.memory.maxEntries").map(Integer::longValue)
                .orElse(DEFAULT_MAX_ENTRIES);
        if (maxEntries < 1) {
            throw new ConfigException("backend.cache.memory.maxEntries",
                    "backend.cache.memory.maxEntries must be at least 1, got " + maxEntries);
        }
        switch (store) {
            case "memory":
                return new CacheSettings(store, null, defaultTtl, maxEntries);
            case "redis":
                String connection = root.getOptionalString("backend.cache.connection").orElseThrow(() ->
                        new ConfigException("backend.cache.connection", "backend.cache.store is redis, so"
                                + " backend.cache.connection must give its URL, e.g. redis://127.0.0.1:6379"));
                return new CacheSettings(store, redisUri(connection), defaultTtl, maxEntries);
            default:
                throw new ConfigException("backend.cache.store", "backend.cache.store '" + store
                        + "' is not supported; use memory or redis");
        }
    }

    private static URI redisUri(String connection) {
        try {
            URI uri = new URI(connection);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(connection, "expected redis://host:port or rediss://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("backend.cache.connection", "backend.cache.connection '" + redacted(connection)
                    + "' is not a Redis URL: " + e.getReason());
        }
    }

    /** The URL without its password, for messages. */
    private static String redacted(String connection) {
        return connection.replaceAll("//[^@/]*@", "//***@");
    }
}
