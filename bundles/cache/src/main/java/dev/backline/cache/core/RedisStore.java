package dev.backline.cache.core;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import dev.backline.plugin.api.errors.ServiceUnavailableError;

/** The shared store: Redis through a Jedis connection pool, one per backend. */
final class RedisStore implements CacheStore {

    private final RedisClient redis;
    private final String where;

    RedisStore(URI connection) {
        this.redis = RedisClient.create(connection);
        this.where = "redis at " + connection.getHost() + ":" + (connection.getPort() < 0 ? 6379 : connection.getPort());
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(redis.get(key));
        } catch (JedisException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public void set(String key, String json, Duration ttl) {
        try {
            if (ttl == null) {
                redis.set(key, json);
            } else {
                redis.set(key, json, SetParams.setParams().px(Math.max(1, ttl.toMillis())));
            }
        } catch (JedisException e) {
            throw unavailable("write", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            redis.del(key);
        } catch (JedisException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        redis.close();
    }

    private ServiceUnavailableError unavailable(String action, String key, JedisException e) {
        return new ServiceUnavailableError("Cache could not " + action + " '" + key + "' in " + where + ": "
                + e.getMessage(), e);
    }
}
