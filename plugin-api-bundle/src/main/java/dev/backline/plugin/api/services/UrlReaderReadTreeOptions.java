package dev.backline.plugin.api.services;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Options of {@link UrlReaderService#readTree}. Every component may be null: {@link #of()} sets none. Immutable; each
 * method returns a copy.
 *
 * @param etag the etag of a previous response: when it still holds, the read fails with
 *        {@link dev.backline.plugin.api.errors.NotModifiedError}
 * @param filter which files to read, by their path within the tree ({@code docs/index.md}); null for all
 * @param maxSizeBytes the most bytes the files may have together; null for the reader's default
 * @param token a token to read with, instead of what the reader is configured with
 * @param timeout how long the whole read may take; null for the reader's default
 * @since 1.4
 */
public record UrlReaderReadTreeOptions(String etag, Predicate<String> filter, Long maxSizeBytes, String token,
        Duration timeout) {

    public UrlReaderReadTreeOptions {
        if (maxSizeBytes != null && maxSizeBytes < 1) {
            throw new IllegalArgumentException("maxSizeBytes must be at least 1, got " + maxSizeBytes);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("A read's timeout must be positive, got " + timeout);
        }
    }

    public static UrlReaderReadTreeOptions of() {
        return new UrlReaderReadTreeOptions(null, null, null, null, null);
    }

    public UrlReaderReadTreeOptions etag(String value) {
        return new UrlReaderReadTreeOptions(value, filter, maxSizeBytes, token, timeout);
    }

    public UrlReaderReadTreeOptions filter(Predicate<String> value) {
        return new UrlReaderReadTreeOptions(etag, value, maxSizeBytes, token, timeout);
    }

    public UrlReaderReadTreeOptions maxSizeBytes(long value) {
        return new UrlReaderReadTreeOptions(etag, filter, value, token, timeout);
    }

    public UrlReaderReadTreeOptions token(String value) {
        return new UrlReaderReadTreeOptions(etag, filter, maxSizeBytes, value, timeout);
    }

    public UrlReaderReadTreeOptions timeout(Duration value) {
        return new UrlReaderReadTreeOptions(etag, filter, maxSizeBytes, token, value);
    }

    /** Without the token, which must not show in logs. */
    @Override
    public String toString() {
        return "UrlReaderReadTreeOptions[etag=" + etag + ", filter=" + filter + ", maxSizeBytes=" + maxSizeBytes
                + ", token=" + (token == null ? null : "***") + ", timeout=" + timeout + "]";
    }
}
