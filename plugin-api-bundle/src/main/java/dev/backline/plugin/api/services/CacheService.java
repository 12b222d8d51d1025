package dev.backline.plugin.api.services;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's cache: Backstage's {@code coreServices.cache}. Keys are the plugin's own (another plugin's same key is
 * another entry). Values are stored as JSON, so what {@link #get} returns is a copy: strings, numbers, booleans,
 * lists, maps, and classes Jackson can read and write. In memory by default; in Redis, shared by every instance, when
 * {@code backend.cache.store} is {@code redis}.
 *
 * @since 1.4
 */
@ProviderType
public interface CacheService {

    /**
     * The value under {@code key} read as {@code type}, or empty when there is none or it expired.
     *
     * @throws IllegalArgumentException when the stored value cannot be read as {@code type}
     * @throws dev.backline.plugin.api.errors.ServiceUnavailableError when the store cannot be reached
     */
    <T> Optional<T> get(String key, Class<T> type);

    /** Stores {@code value} with the default time to live (none unless {@link #withOptions} set one). */
    void set(String key, Object value);

    /**
     * Stores {@code value}, expiring after {@code ttl}.
     *
     * @throws IllegalArgumentException when the value cannot be written as JSON, or the ttl is not positive
     * @throws dev.backline.plugin.api.errors.ServiceUnavailableError when the store cannot be reached
     */
    void set(String key, Object value, Duration ttl);

    /** Removes the value under {@code key}, if any. */
    void delete(String key);

    /** The same cache with other options, e.g. a default time to live. */
    CacheService withOptions(CacheServiceOptions options);

    /**
     * Options of a {@link CacheService} view.
     *
     * @param defaultTtl how long values stored without a ttl live; null for no expiry
     * @since 1.4
     */
    record CacheServiceOptions(Duration defaultTtl) {

        public CacheServiceOptions {
            if (defaultTtl != null && (defaultTtl.isNegative() || defaultTtl.isZero())) {
                throw new IllegalArgumentException("A cache's default ttl must be positive, got " + defaultTtl);
            }
        }
    }
}
