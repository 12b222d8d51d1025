package dev.backline.database.settings;

/**
 * The size and timeouts of a plugin's connection pool, read from Backstage's
 * {@code knexConfig.pool} keys ({@code min}, {@code max}, {@code acquireTimeoutMillis},
 * {@code idleTimeoutMillis}).
 */
public record PoolSettings(int min, int max, long acquireTimeoutMillis, long idleTimeoutMillis) {

    /** Small on purpose: a backend runs many plugins, each with its own pool. */
    public static final PoolSettings DEFAULTS = new PoolSettings(0, 5, 10_000, 600_000);
}
