package dev.backline.cache.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.plugin.api.services.CacheService;

/** One plugin's view of the store: its keys under {@code <pluginId>:}, values as JSON, a default time to live. */
final class PluginCache implements CacheService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String pluginId;
    private final CacheStore store;
    private final Duration defaultTtl;

    PluginCache(String pluginId, CacheStore store, Duration defaultTtl) {
        this.pluginId = pluginId;
        this.store = store;
        this.defaultTtl = defaultTtl;
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        Optional<String> json = store.get(namespaced(key));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(json.get(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cached value '" + key + "' of plugin '" + pluginId
                    + "' cannot be read as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void set(String key, Object value) {
        write(key, value, defaultTtl);
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Cache ttl of '" + key + "' must be positive, got " + ttl);
        }
        write(key, value, ttl);
    }

    private void write(String key, Object value, Duration ttl) {
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value for cache key '" + key + "' of plugin '" + pluginId
                    + "' cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        store.set(namespaced(key), json, ttl);
    }

    @Override
    public void delete(String key) {
        store.delete(namespaced(key));
    }

    @Override
    public CacheService withOptions(CacheServiceOptions options) {
        return new PluginCache(pluginId, store, Objects.requireNonNull(options, "options").defaultTtl());
    }

    private String namespaced(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Plugin '" + pluginId + "' used an empty cache key");
        }
        return pluginId + ":" + key;
    }
}
