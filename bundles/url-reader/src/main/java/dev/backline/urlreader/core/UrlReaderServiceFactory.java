package dev.backline.urlreader.core;

import java.net.ProxySelector;
import java.util.List;
import java.util.function.Supplier;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.UrlReaderProvider;
import dev.backline.plugin.api.services.UrlReaderService;

/**
 * The {@code core.urlReader} factory. In OSGi this bundle registers it as a service, with the
 * {@link UrlReaderProvider} services in ranking order; in plain Java add it to the backend:
 * {@code builder.add(UrlReaderServiceFactory.create(() -> List.of(myProvider)))}.
 */
public final class UrlReaderServiceFactory {

    private UrlReaderServiceFactory() {
    }

    /** Plain HTTP(S) reading only. */
    public static ServiceFactory<UrlReaderService> create() {
        return create(List::of);
    }

    /**
     * @param providers the providers to ask first, in order; called on every read, so it may change between reads
     */
    public static ServiceFactory<UrlReaderService> create(
            Supplier<? extends List<? extends UrlReaderProvider>> providers) {
        return create(providers, null);
    }

    /** @param proxy where plain requests go; null for the JDK's default (tests route test hosts to a local server) */
    static ServiceFactory<UrlReaderService> create(Supplier<? extends List<? extends UrlReaderProvider>> providers,
            ProxySelector proxy) {
        return ServiceFactory.of(CoreServices.URL_READER)
                .deps(CoreServices.ROOT_CONFIG, CoreServices.LOGGER)
                // one HttpClient (its connections, its threads) per backend, shared by the plugins
                .rootContext(deps -> new PlainHttpReader(ReadingSettings.from(deps.get(CoreServices.ROOT_CONFIG)), proxy))
                .factory((deps, plain) -> new UrlReaders(providers, plain, deps.get(CoreServices.LOGGER)));
    }
}
