package dev.backline.urlreader.core;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.backline.plugin.api.errors.PayloadTooLargeError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.UrlReaderProvider;
import dev.backline.plugin.api.services.UrlReaderReadTreeOptions;
import dev.backline.plugin.api.services.UrlReaderReadTreeResponse;
import dev.backline.plugin.api.services.UrlReaderReadUrlOptions;
import dev.backline.plugin.api.services.UrlReaderReadUrlResponse;
import dev.backline.plugin.api.services.UrlReaderSearchResponse;
import dev.backline.plugin.api.services.UrlReaderService;

/**
 * One plugin's {@code core.urlReader}: each URL goes to the first provider that can read it, in the order the supplier
 * gives them (service ranking in OSGi), asked anew on every call; the plain HTTP(S) reader reads the rest. Providers
 * get the options with {@code backend.reading}'s size limit and time-out filled in where the caller gave none.
 */
final class UrlReaders implements UrlReaderService {

    private final Supplier<? extends List<? extends UrlReaderProvider>> providers;
    private final PlainHttpReader plain;
    private final LoggerService logger;

    UrlReaders(Supplier<? extends List<? extends UrlReaderProvider>> providers, PlainHttpReader plain,
            LoggerService logger) {
        this.providers = providers;
        this.plain = plain;
        this.logger = logger;
    }

    @Override
    public UrlReaderReadUrlResponse readUrl(String url, UrlReaderReadUrlOptions options) {
        URI uri = Urls.parse(url);
        UrlReaderReadUrlOptions filled = filled(Objects.requireNonNull(options, "options"));
        UrlReaderProvider provider = providerFor(uri);
        if (provider == null) {
            return plain.readUrl(uri, filled);
        }
        UrlReaderReadUrlResponse response;
        try {
            response = provider.readUrl(uri, filled);
        } catch (IOException e) {
            throw unavailable(provider, uri, e);
        }
        checkAnswered(provider, uri, response);
        // The limit holds whoever read the file, though a provider that ignores it has read it already.
        if (response.buffer().length > filled.maxSizeBytes()) {
            throw new PayloadTooLargeError(Urls.describe(uri) + " is larger than the " + filled.maxSizeBytes()
                    + " bytes allowed (the maxSizeBytes option, or " + ReadingSettings.MAX_SIZE_KEY + ")");
        }
        return response;
    }

    @Override
    public UrlReaderReadTreeResponse readTree(String url, UrlReaderReadTreeOptions options) {
        URI uri = Urls.parse(url);
        Objects.requireNonNull(options, "options");
        UrlReaderReadTreeOptions filled = options.timeout() != null ? options
                : options.timeout(plain.settings().timeout());
        UrlReaderProvider provider = providerFor(uri);
        if (provider == null) {
            return plain.readTree(uri, filled);
        }
        try {
            return checkAnswered(provider, uri, provider.readTree(uri, filled));
        } catch (IOException e) {
            throw unavailable(provider, uri, e);
        }
    }

    @Override
    public UrlReaderSearchResponse search(String url, UrlReaderReadUrlOptions options) {
        URI uri = Urls.parse(url);
        UrlReaderReadUrlOptions filled = filled(Objects.requireNonNull(options, "options"));
        UrlReaderProvider provider = providerFor(uri);
        if (provider == null) {
            return plain.search(uri, filled);
        }
        try {
            return checkAnswered(provider, uri, provider.search(uri, filled));
        } catch (IOException e) {
            throw unavailable(provider, uri, e);
        }
    }

    private UrlReaderReadUrlOptions filled(UrlReaderReadUrlOptions options) {
        UrlReaderReadUrlOptions filled = options;
        if (filled.maxSizeBytes() == null) {
            filled = filled.maxSizeBytes(plain.settings().maxSizeBytes());
        }
        if (filled.timeout() == null) {
            filled = filled.timeout(plain.settings().timeout());
        }
        return filled;
    }

    /** The first provider that reads {@code url}, or null for the plain reader. */
    private UrlReaderProvider providerFor(URI url) {
        for (UrlReaderProvider provider : providers.get()) {
            try {
                if (provider.canRead(url)) {
                    return provider;
                }
            } catch (RuntimeException e) {
                // One broken provider must not stop reading: the next one, or the plain reader, may read it.
                logger.warn("URL reader '" + name(provider) + "' failed to tell whether it reads " + Urls.describe(url)
                        + "; asking the next", e);
            }
        }
        return null;
    }

    private static <R> R checkAnswered(UrlReaderProvider provider, URI url, R response) {
        if (response == null) {
            throw new IllegalStateException("URL reader '" + name(provider) + "' gave no response for "
                    + Urls.describe(url));
        }
        return response;
    }

    private static ServiceUnavailableError unavailable(UrlReaderProvider provider, URI url, IOException e) {
        return new ServiceUnavailableError("Could not read " + Urls.describe(url) + " with URL reader '"
                + name(provider) + "': " + e.getMessage(), e);
    }

    private static String name(UrlReaderProvider provider) {
        try {
            return provider.name();
        } catch (RuntimeException e) {
            return provider.getClass().getName();
        }
    }
}
