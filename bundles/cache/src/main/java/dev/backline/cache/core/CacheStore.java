package dev.backline.cache.core;

import java.time.Duration;
import java.util.Optional;

/** Where cached JSON lives, under keys already namespaced by plugin. Shared by every plugin of a backend. */
interface CacheStore extends AutoCloseable {

    Optional<String> get(String key);

    /** @param ttl how long the value lives; null for no expiry */
    void set(String key, String json, Duration ttl);

    void delete(String key);

    /** What the store is, for messages: {@code memory}, {@code redis at 127.0.0.1:6379}. */
    String describe();

    @Override
    void close();
}
