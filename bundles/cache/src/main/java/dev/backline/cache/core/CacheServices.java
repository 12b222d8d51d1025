package dev.backline.cache.core;

import java.util.ArrayList;
import java.util.List;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.CacheService;
import dev.backline.plugin.api.services.CoreServices;

/**
 * The {@code core.cache} factory and the stores it opened. In OSGi this bundle registers the factory and closes the
 * stores when it stops; in plain Java add {@link #factory()} to the backend and {@link #close()} after it stops. The
 * backend's root lifecycle closes them at shutdown too.
 */
public final class CacheServices implements AutoCloseable {

    private final List<CacheStore> stores = new ArrayList<>();

    public ServiceFactory<CacheService> factory() {
        return ServiceFactory.of(CoreServices.CACHE)
                .deps(CoreServices.ROOT_CONFIG, CoreServices.ROOT_LIFECYCLE, CoreServices.ROOT_LOGGER,
                        CoreServices.PLUGIN_METADATA)
                .rootContext(deps -> {
                    CacheSettings settings = CacheSettings.from(deps.get(CoreServices.ROOT_CONFIG));
                    CacheStore store = open(settings);
                    deps.get(CoreServices.ROOT_LIFECYCLE).addShutdownHook(store::close);
                    deps.get(CoreServices.ROOT_LOGGER).info("Cache store: " + store.describe());
                    return new Root(store, settings);
                })
                .factory((deps, root) -> new PluginCache(deps.get(CoreServices.PLUGIN_METADATA).getId(), root.store(),
                        root.settings().defaultTtl()));
    }

    private record Root(CacheStore store, CacheSettings settings) {
    }

    private synchronized CacheStore open(CacheSettings settings) {
        CacheStore store = settings.connection() == null ? new MemoryStore(settings.maxEntries())
                : new RedisStore(settings.connection());
        stores.add(store);
        return store;
    }

    @Override
    public synchronized void close() {
        stores.forEach(CacheStore::close);
        stores.clear();
    }
}
