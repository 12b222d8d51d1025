package dev.backline.plugin.api.services;

import java.io.IOException;
import java.net.URI;

import org.osgi.annotation.versioning.ConsumerType;

import dev.backline.plugin.api.errors.NotImplementedError;

/**
 * A reader for some URLs (an SCM's, say), which a reader bundle registers as an OSGi service of this type. For each
 * URL, {@link UrlReaderService} asks the providers in service ranking order (highest first, then the oldest service)
 * and the first whose {@link #canRead} is true reads it; the plain HTTP(S) reader reads what none takes. Providers are
 * looked up on every call, so one that arrives or leaves takes effect without restarting plugins.
 *
 * <p>Fail with the errors {@link UrlReaderService} documents ({@link dev.backline.plugin.api.errors.NotModifiedError},
 * {@link dev.backline.plugin.api.errors.NotFoundError}, ...), naming the URL. An {@link IOException} reaches the
 * caller as a {@link dev.backline.plugin.api.errors.ServiceUnavailableError} naming the URL and this provider.
 *
 * @since 1.4
 */
@ConsumerType
public interface UrlReaderProvider {

    /** A short name for messages and logs ({@code github}). */
    String name();

    /**
     * True when this provider reads {@code url} (typically: its host is one this provider is configured for). Called
     * for every read: keep it cheap, and do not throw.
     */
    boolean canRead(URI url);

    UrlReaderReadUrlResponse readUrl(URI url, UrlReaderReadUrlOptions options) throws IOException;

    /** Reads a tree; by default refused with a {@link NotImplementedError} naming this provider and the URL. */
    default UrlReaderReadTreeResponse readTree(URI url, UrlReaderReadTreeOptions options) throws IOException {
        throw new NotImplementedError("The URL reader '" + name() + "' cannot read a tree, such as " + url);
    }

    /** Searches; by default refused with a {@link NotImplementedError} naming this provider and the URL. */
    default UrlReaderSearchResponse search(URI url, UrlReaderReadUrlOptions options) throws IOException {
        throw new NotImplementedError("The URL reader '" + name() + "' cannot search, such as " + url);
    }
}
