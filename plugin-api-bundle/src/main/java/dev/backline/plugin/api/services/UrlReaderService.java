package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads files and trees from URLs: Backstage's {@code coreServices.urlReader}. A URL goes to the first
 * {@link UrlReaderProvider} (an OSGi service of a reader bundle, highest service ranking first) that
 * {@linkplain UrlReaderProvider#canRead can read it}; any other URL is read with plain HTTP(S), and only where
 * {@code backend.reading.allow} allows its host and path.
 *
 * <p>Failures are {@link dev.backline.plugin.api.errors.BackendError}s that name the URL:
 * {@link dev.backline.plugin.api.errors.NotModifiedError} (the etag or date given still holds),
 * {@link dev.backline.plugin.api.errors.NotFoundError}, {@link dev.backline.plugin.api.errors.NotAllowedError}
 * (no reader may read the URL), {@link dev.backline.plugin.api.errors.PayloadTooLargeError} (over
 * {@code maxSizeBytes}), {@link dev.backline.plugin.api.errors.NotImplementedError} (the reader cannot do this, e.g.
 * read a tree over plain HTTP), {@link dev.backline.plugin.api.errors.InputError} (not a URL) and
 * {@link dev.backline.plugin.api.errors.ServiceUnavailableError} (unreachable, timed out, or another status).
 *
 * @since 1.4
 */
@ProviderType
public interface UrlReaderService {

    /** Reads one file. */
    UrlReaderReadUrlResponse readUrl(String url, UrlReaderReadUrlOptions options);

    /** Reads one file with the default options. */
    default UrlReaderReadUrlResponse readUrl(String url) {
        return readUrl(url, UrlReaderReadUrlOptions.of());
    }

    /** Reads the files below a URL that names a directory of a repository (e.g. a tree URL of an SCM). */
    UrlReaderReadTreeResponse readTree(String url, UrlReaderReadTreeOptions options);

    default UrlReaderReadTreeResponse readTree(String url) {
        return readTree(url, UrlReaderReadTreeOptions.of());
    }

    /**
     * Reads the files a URL with a glob pattern matches (e.g. {@code .../blob/main/**}{@code /catalog-info.yaml}). A URL
     * without glob characters reads that one file; a file that does not exist gives no files, not an error. The
     * options' {@code lastModifiedAfter} applies to each file where the reader supports it.
     */
    UrlReaderSearchResponse search(String url, UrlReaderReadUrlOptions options);

    default UrlReaderSearchResponse search(String url) {
        return search(url, UrlReaderReadUrlOptions.of());
    }
}
