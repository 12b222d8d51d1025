package dev.backline.cache.core;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/** The in-memory store: a Caffeine cache bounded by entry count, each entry with its own time to live. */
final class MemoryStore implements CacheStore {

    private record Entry(String json, long ttlNanos) {
    }

    private final Cache<String, Entry> cache;

    MemoryStore(long maxEntries) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key)).map(Entry::json);
    }

    @Override
    public void set(String key, String json, Duration ttl) {
        cache.put(key, new Entry(json, ttl == null ? Long.MAX_VALUE : ttl.toNanos()));
    }

    @Override
    public void delete(String key) {
        cache.invalidate(key);
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
