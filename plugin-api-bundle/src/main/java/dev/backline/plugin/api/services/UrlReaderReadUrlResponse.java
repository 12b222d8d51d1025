package dev.backline.plugin.api.services;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file {@link UrlReaderService#readUrl} read: its bytes, and what to pass next time to read it only when it changed.
 * Immutable: {@link #buffer()} returns a copy.
 *
 * @param buffer the file's bytes
 * @param etag the file's etag, for {@link UrlReaderReadUrlOptions#etag}; null when the source gave none
 * @param lastModifiedAt when the file last changed, for {@link UrlReaderReadUrlOptions#lastModifiedAfter}; null when
 *        the source did not say
 * @since 1.4
 */
public record UrlReaderReadUrlResponse(byte[] buffer, String etag, Instant lastModifiedAt) {

    public UrlReaderReadUrlResponse {
        buffer = Objects.requireNonNull(buffer, "buffer").clone();
    }

    public static UrlReaderReadUrlResponse of(byte[] buffer) {
        return new UrlReaderReadUrlResponse(buffer, null, null);
    }

    public UrlReaderReadUrlResponse etag(String value) {
        return new UrlReaderReadUrlResponse(buffer, value, lastModifiedAt);
    }

    public UrlReaderReadUrlResponse lastModifiedAt(Instant value) {
        return new UrlReaderReadUrlResponse(buffer, etag, value);
    }

    /** A copy of the file's bytes. */
    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    /** The file's bytes as a stream (of what was read already: nothing is read from the source again). */
    public InputStream stream() {
        return new ByteArrayInputStream(buffer);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UrlReaderReadUrlResponse that && Arrays.equals(buffer, that.buffer)
                && Objects.equals(etag, that.etag) && Objects.equals(lastModifiedAt, that.lastModifiedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(buffer), etag, lastModifiedAt);
    }

    @Override
    public String toString() {
        return "UrlReaderReadUrlResponse[" + buffer.length + " bytes, etag=" + etag + ", lastModifiedAt="
                + lastModifiedAt + "]";
    }
}
