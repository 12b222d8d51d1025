package dev.backline.cache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.RedisClient;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.CacheService;
import dev.backline.plugin.api.services.CacheService.CacheServiceOptions;
import dev.backline.plugin.api.services.ConfigException;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/** {@code core.cache} in backends of the wiring core: in memory, and on the real Redis of 127.0.0.1:6379. */
class CacheServicesTest {

    static final String REDIS = "redis://127.0.0.1:6379";

    private final List<Backend> backends = new java.util.ArrayList<>();
    private final List<CacheServices> services = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        backends.forEach(Backend::stop);
        services.forEach(CacheServices::close);
    }

    /** Starts a backend of the given plugins and returns each one's cache. */
    private Map<String, CacheService> start(Map<String, ?> cacheConfig, String... pluginIds) {
        Map<String, CacheService> caches = new ConcurrentHashMap<>();
        CacheServices cacheServices = new CacheServices();
        services.add(cacheServices);
        Backend.Builder builder = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", Map.of("cache", cacheConfig)), "test")))
                .logger(new CapturingLogger())
                .add(cacheServices.factory());
        for (String pluginId : pluginIds) {
            builder.add(BackendPlugin.create(pluginId, env -> env.registerInit(List.of(CoreServices.CACHE),
                    deps -> caches.put(pluginId, deps.get(CoreServices.CACHE)))));
        }
        Backend backend = builder.build();
        backends.add(backend);
        backend.start();
        return caches;
    }

    record View(String name, int count) {
    }

    @Test
    void valuesAreJsonCopiesInThePluginsOwnNamespace() {
        Map<String, CacheService> caches = start(Map.of(), "catalog", "search");
        CacheService catalog = caches.get("catalog");
        catalog.set("view", new View("entities", 3));
        catalog.set("names", List.of("a", "b"));

        assertEquals(Optional.of(new View("entities", 3)), catalog.get("view", View.class));
        assertEquals(Optional.of(List.of("a", "b")), catalog.get("names", List.class));
        assertEquals(Optional.empty(), caches.get("search").get("view", View.class), "another plugin's key");
        catalog.delete("view");
        assertEquals(Optional.empty(), catalog.get("view", View.class));

        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> catalog.get("names", View.class));
        assertTrue(wrongType.getMessage().startsWith("Cached value 'names' of plugin 'catalog' cannot be read as"),
                wrongType.getMessage());
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> catalog.set("thread", new Object()));
        assertTrue(notJson.getMessage().contains("cannot be written as JSON"), notJson.getMessage());
    }

    @Test
    void valuesExpireAfterTheirTtlOrTheDefaultOne() {
        CacheService cache = start(Map.of(), "ttl").get("ttl");
        cache.set("short", 1, Duration.ofMillis(100));
        cache.withOptions(new CacheServiceOptions(Duration.ofMillis(100))).set("default", 2);
        cache.set("forever", 3);
        assertEquals(Optional.of(1), cache.get("short", Integer.class));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((cache.get("short", Integer.class).isPresent() || cache.get("default", Integer.class).isPresent())
                && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until both ttls have passed, up to the deadline
        }
        assertEquals(Optional.empty(), cache.get("short", Integer.class));
        assertEquals(Optional.empty(), cache.get("default", Integer.class));
        assertEquals(Optional.of(3), cache.get("forever", Integer.class), "a value without a ttl outlives both");
        assertThrows(IllegalArgumentException.class, () -> cache.set("zero", 1, Duration.ZERO));
    }

    @Test
    void theMemoryStoreIsBounded() {
        CacheService cache = start(Map.of("memory", Map.of("maxEntries", 100)), "bounded").get("bounded");
        for (int i = 0; i < 1_000; i++) {
            cache.set("k" + i, i);
        }
        long kept = java.util.stream.IntStream.range(0, 1_000)
                .filter(i -> cache.get("k" + i, Integer.class).isPresent()).count();
        assertTrue(kept <= 150, kept + " entries kept of at most 100");
    }

    @Test
    void twoBackendsShareValuesThroughRedis() {
        String pluginId = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> redis = Map.of("store", "redis", "connection", REDIS);
        CacheService first = start(redis, pluginId).get(pluginId);
        CacheService second = start(redis, pluginId).get(pluginId);

        first.set("view", new View("entities", 7), Duration.ofSeconds(30));
        assertEquals(Optional.of(new View("entities", 7)), second.get("view", View.class));
        try (RedisClient client = RedisClient.create(REDIS)) {
            long ttl = client.pttl(pluginId + ":view");
            assertTrue(ttl > 0 && ttl <= 30_000, "ttl in Redis: " + ttl);
        }
        second.delete("view");
        assertEquals(Optional.empty(), first.get("view", View.class));
    }

    @Test
    void restartingAPluginFiftyTimesLeavesNoRedisConnectionBehind() {
        String pluginId = "restarts-" + UUID.randomUUID().toString().substring(0, 8);
        CacheService cache = start(Map.of("store", "redis", "connection", REDIS), pluginId).get(pluginId);
        cache.set("warm", 1, Duration.ofSeconds(30));
        int before = redisClients();
        for (int i = 0; i < 50; i++) {
            backends.get(0).initializer().restartPlugin(pluginId);
        }
        assertEquals(Optional.of(1), cache.get("warm", Integer.class));
        assertTrue(redisClients() <= before, "Redis clients: " + before + " before 50 restarts, " + redisClients() + " after");

        backends.get(0).stop();
        services.get(0).close();
        assertTrue(redisClients() < before, "the backend's stop closed no connection: " + before + " before");
    }

    /** Connections Redis has now, this test's own included. */
    private static int redisClients() {
        try (RedisClient client = RedisClient.create(REDIS)) {
            return client.info("clients").lines().filter(line -> line.startsWith("connected_clients:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("connected_clients:".length()).trim()))
                    .findFirst().orElseThrow() - 1;
        }
    }

    @Test
    void anUnreachableRedisIsNamedInTheError() {
        CacheService cache = start(Map.of("store", "redis", "connection", "redis://127.0.0.1:1"), "down").get("down");
        ServiceUnavailableError error = assertThrows(ServiceUnavailableError.class, () -> cache.get("k", String.class));
        assertTrue(error.getMessage().startsWith("Cache could not read 'down:k' in redis at 127.0.0.1:1"),
                error.getMessage());
    }

    @Test
    void badSettingsNameTheirKey() {
        ConfigException store = assertThrows(ConfigException.class, () -> CacheSettings.from(
                ConfigReader.of(Map.of("backend", Map.of("cache", Map.of("store", "memcache"))), "test")));
        assertEquals("backend.cache.store 'memcache' is not supported; use memory or redis", store.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> CacheSettings.from(
                ConfigReader.of(Map.of("backend", Map.of("cache", Map.of("store", "redis"))), "test")));
        assertTrue(missing.getMessage().startsWith("backend.cache.store is redis, so backend.cache.connection"),
                missing.getMessage());
        ConfigException url = assertThrows(ConfigException.class, () -> CacheSettings.from(ConfigReader.of(Map.of(
                "backend", Map.of("cache", Map.of("store", "redis", "connection", "http://u:secret@host"))), "test")));
        assertTrue(url.getMessage().contains("'http://***@host'") && !url.getMessage().contains("secret"),
                url.getMessage());
    }
}
