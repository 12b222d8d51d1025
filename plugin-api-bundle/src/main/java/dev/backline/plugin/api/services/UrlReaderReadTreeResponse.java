package dev.backline.plugin.api.services;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The files {@link UrlReaderService#readTree} read, and the tree's etag (for {@link UrlReaderReadTreeOptions#etag}).
 *
 * @param files the files, with paths relative to the tree's root
 * @param etag the tree's etag (e.g. a commit id); null when the source gave none
 * @since 1.4
 */
public record UrlReaderReadTreeResponse(List<File> files, String etag) {

    public UrlReaderReadTreeResponse {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    public static UrlReaderReadTreeResponse of(List<File> files) {
        return new UrlReaderReadTreeResponse(files, null);
    }

    public UrlReaderReadTreeResponse etag(String value) {
        return new UrlReaderReadTreeResponse(files, value);
    }

    /**
     * One file of a tree. Immutable: {@link #content()} returns a copy.
     *
     * @param path the path within the tree, {@code /}-separated, without a leading {@code /} ({@code docs/index.md})
     * @param content the file's bytes
     * @param lastModifiedAt when it last changed; null when the source did not say
     * @since 1.4
     */
    public record File(String path, byte[] content, Instant lastModifiedAt) {

        public File {
            Objects.requireNonNull(path, "path");
            content = Objects.requireNonNull(content, "content").clone();
        }

        public static File of(String path, byte[] content) {
            return new File(path, content, null);
        }

        public File lastModifiedAt(Instant value) {
            return new File(path, content, value);
        }

        /** A copy of the file's bytes. */
        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof File that && path.equals(that.path) && Arrays.equals(content, that.content)
                    && Objects.equals(lastModifiedAt, that.lastModifiedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(content), lastModifiedAt);
        }

        @Override
        public String toString() {
            return "File[" + path + ", " + content.length + " bytes, lastModifiedAt=" + lastModifiedAt + "]";
        }
    }
}
