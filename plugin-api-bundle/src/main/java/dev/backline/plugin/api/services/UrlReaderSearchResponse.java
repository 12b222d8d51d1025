package dev.backline.plugin.api.services;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The files {@link UrlReaderService#search} found, and an etag for the whole result (for
 * {@link UrlReaderReadUrlOptions#etag}).
 *
 * @param files the files found, none when nothing matched
 * @param etag the result's etag; null when the source gave none
 * @since 1.4
 */
public record UrlReaderSearchResponse(List<File> files, String etag) {

    public UrlReaderSearchResponse {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    public static UrlReaderSearchResponse of(List<File> files) {
        return new UrlReaderSearchResponse(files, null);
    }

    public UrlReaderSearchResponse etag(String value) {
        return new UrlReaderSearchResponse(files, value);
    }

    /**
     * One file found. Immutable: {@link #content()} returns a copy.
     *
     * @param url the file's own URL, which {@link UrlReaderService#readUrl} reads
     * @param content the file's bytes
     * @param lastModifiedAt when it last changed; null when the source did not say
     * @since 1.4
     */
    public record File(String url, byte[] content, Instant lastModifiedAt) {

        public File {
            Objects.requireNonNull(url, "url");
            content = Objects.requireNonNull(content, "content").clone();
        }

        public static File of(String url, byte[] content) {
            return new File(url, content, null);
        }

        public File lastModifiedAt(Instant value) {
            return new File(url, content, value);
        }

        /** A copy of the file's bytes. */
        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof File that && url.equals(that.url) && Arrays.equals(content, that.content)
                    && Objects.equals(lastModifiedAt, that.lastModifiedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, Arrays.hashCode(content), lastModifiedAt);
        }

        @Override
        public String toString() {
            return "File[" + url + ", " + content.length + " bytes, lastModifiedAt=" + lastModifiedAt + "]";
        }
    }
}
