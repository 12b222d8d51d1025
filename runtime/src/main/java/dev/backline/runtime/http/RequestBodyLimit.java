package dev.backline.runtime.http;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import dev.backline.plugin.api.errors.PayloadTooLargeError;

/**
 * The largest request body the backend reads, {@code backend.server.maxBodySize} (bytes, or a size such as
 * {@code 5mb}; 5 MiB by default): a declared length above it is refused before any handler runs, and a body
 * without a declared length stops being read once it passes the limit.
 */
final class RequestBodyLimit {

    static final long DEFAULT = 5L * 1024 * 1024;
    static final String KEY = "backend.server.maxBodySize";

    private RequestBodyLimit() {
    }

    /** Bytes from a number, or from a string with an optional unit: b, kb, mb, gb (powers of 1024). */
    static long parse(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("^(\\d+)\\s*(b|kb|mb|gb)?$").matcher(text);
        if (!size.matches()) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + KEY + "; use a number of bytes or a size such as 5mb");
        }
        long amount = Long.parseLong(size.group(1));
        return switch (size.group(2) == null ? "b" : size.group(2)) {
            case "kb" -> amount * 1024;
            case "mb" -> amount * 1024 * 1024;
            case "gb" -> amount * 1024 * 1024 * 1024;
            default -> amount;
        };
    }

    /**
     * The request with its body limited, or the error when its declared length is already over the limit.
     *
     * @throws PayloadTooLargeError when the declared length is over the limit
     */
    static HttpServletRequest limit(HttpServletRequest request, long limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        return new HttpServletRequestWrapper(request) {
            private ServletInputStream limited;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (limited == null) {
                    limited = new Limited(super.getInputStream(), limit);
                }
                return limited;
            }
        };
    }

    static PayloadTooLargeError tooLarge(long limit) {
        return new PayloadTooLargeError("The request body is larger than " + limit + " bytes (" + KEY + ")");
    }

    /** Counts what is read and fails past the limit. */
    private static final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Limited(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(tooLarge(limit));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /**
     * What a handler reading past the limit gets: an I/O failure (handlers expect those from a stream) that
     * carries the 413 for the dispatcher.
     */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(PayloadTooLargeError error) {
            super(error.getMessage(), error);
        }
    }
}
