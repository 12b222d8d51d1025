package dev.backline.plugin.api.services;

import java.time.Duration;
import java.time.Instant;

/**
 * Options of {@link UrlReaderService#readUrl} and {@link UrlReaderService#search}. Every component may be null:
 * {@link #of()} sets none. Immutable; each method returns a copy.
 *
 * @param etag the etag of a previous response: when it still holds, the read fails with
 *        {@link dev.backline.plugin.api.errors.NotModifiedError}
 * @param lastModifiedAfter when the file has not changed since then, the read fails with
 *        {@link dev.backline.plugin.api.errors.NotModifiedError}
 * @param maxSizeBytes the most bytes a file may have; null for the configured default
 *        ({@code backend.reading.maxSizeBytes} for plain HTTP)
 * @param token a token to read with (sent as {@code Authorization: Bearer}), instead of what the reader is configured
 *        with
 * @param timeout how long the whole read may take; null for the configured default ({@code backend.reading.timeout}
 *        for plain HTTP)
 * @since 1.4
 */
public record UrlReaderReadUrlOptions(String etag, Instant lastModifiedAfter, Long maxSizeBytes, String token,
        Duration timeout) {

    public UrlReaderReadUrlOptions {
        if (maxSizeBytes != null && maxSizeBytes < 1) {
            throw new IllegalArgumentException("maxSizeBytes must be at least 1, got " + maxSizeBytes);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("A read's timeout must be positive, got " + timeout);
        }
    }

    public static UrlReaderReadUrlOptions of() {
        return new UrlReaderReadUrlOptions(null, null, null, null, null);
    }

    public UrlReaderReadUrlOptions etag(String value) {
        return new UrlReaderReadUrlOptions(value, lastModifiedAfter, maxSizeBytes, token, timeout);
    }

    public UrlReaderReadUrlOptions lastModifiedAfter(Instant value) {
        return new UrlReaderReadUrlOptions(etag, value, maxSizeBytes, token, timeout);
    }

    public UrlReaderReadUrlOptions maxSizeBytes(long value) {
        return new UrlReaderReadUrlOptions(etag, lastModifiedAfter, value, token, timeout);
    }

    public UrlReaderReadUrlOptions token(String value) {
        return new UrlReaderReadUrlOptions(etag, lastModifiedAfter, maxSizeBytes, value, timeout);
    }

    public UrlReaderReadUrlOptions timeout(Duration value) {
        return new UrlReaderReadUrlOptions(etag, lastModifiedAfter, maxSizeBytes, token, value);
    }

    /** Without the token, which must not show in logs. */
    @Override
    public String toString() {
        return "UrlReaderReadUrlOptions[etag=" + etag + ", lastModifiedAfter=" + lastModifiedAfter + ", maxSizeBytes="
                + maxSizeBytes + ", token=" + (token == null ? null : "***") + ", timeout=" + timeout + "]";
    }
}
