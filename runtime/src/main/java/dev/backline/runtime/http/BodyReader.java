package dev.backline.runtime.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.services.LoggerService;

/**
 * Reads a request body before any handler sees it, with the container's non-blocking I/O: while a client
 * sends its body, slowly or not at all, it holds a connection but no server thread, so slow clients cannot
 * starve everyone else. The body is kept in memory (at most {@code backend.server.maxBodySize}; more is 413
 * at once) and must arrive within {@code backend.server.requestBodyTimeout} (408 otherwise). Then the handler
 * runs, on a container thread, with a request whose input stream, reader and form parameters come from that
 * copy.
 */
final class BodyReader {

    static final String TIMEOUT_KEY = "backend.server.requestBodyTimeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** What runs once the body is in: the dispatcher's routing. */
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private BodyReader() {
    }

    /** Whether the request announces a body: a length above zero, or chunks. */
    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Starts reading asynchronously; {@code handler} runs once the whole body is in. Answers 413 or 408
     * itself, and 400 when the client breaks off.
     */
    static void readThen(HttpServletRequest request, HttpServletResponse response, long limit, Duration timeout,
            ScheduledExecutorService timer, LoggerService logger, Handler handler) throws IOException {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // the deadline below covers reading; handlers may take as long as they take
        Reading reading = new Reading(request, response, async, request.getInputStream(), limit, timeout, logger, handler);
        reading.deadline = timer.schedule(reading::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        reading.in.setReadListener(reading);
    }

    /** One body on its way in. The container calls the listener one callback at a time. */
    private static final class Reading implements ReadListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ServletInputStream in;
        private final long limit;
        private final Duration timeout;
        private final LoggerService logger;
        private final Handler handler;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        /** Set once by whoever ends the exchange: the body arriving, the limit, the deadline or an error. */
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        Reading(HttpServletRequest request, HttpServletResponse response, AsyncContext async, ServletInputStream in,
                long limit, Duration timeout, LoggerService logger, Handler handler) {
            this.request = request;
            this.response = response;
            this.async = async;
            this.in = in;
            this.limit = limit;
            this.timeout = timeout;
            this.logger = logger;
            this.handler = handler;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!ended.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                if (body.size() + (long) n > limit) {
                    end(413, "PayloadTooLargeError", RequestBodyLimit.tooLarge(limit).getMessage());
                    return;
                }
                body.write(buffer, 0, n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            cancelDeadline();
            try {
                handler.handle(new BufferedBodyRequest(request, body.toByteArray()), response);
            } catch (IOException e) {
                // Writing the answer failed: usually a client that went away.
                logger.warn("Request " + request.getMethod() + " " + request.getRequestURI() + " could not be answered: " + e);
            } catch (RuntimeException | LinkageError e) {
                logger.error("Request " + request.getMethod() + " " + request.getRequestURI() + " failed", e);
                if (!response.isCommitted()) {
                    try {
                        ErrorResponses.writeError(request, response, e);
                    } catch (IOException writing) {
                        // the client is gone
                    }
                }
            } finally {
                async.complete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The client broke off or went idle past the connection's time-out: nobody may be listening.
            end(400, "InputError", "The request body could not be read: the client stopped sending it");
        }

        void expire() {
            end(408, "RequestTimeoutError", "The request body did not arrive within " + timeout.toSeconds() + " s ("
                    + TIMEOUT_KEY + ")");
        }

        private void end(int status, String name, String message) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            cancelDeadline();
            try {
                if (!response.isCommitted()) {
                    // The rest of the body is not read: the connection cannot be reused.
                    response.setHeader("Connection", "close");
                    ErrorResponses.writeError(request, response, status, name, message);
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    // the container ended it first
                }
            }
        }

        private void cancelDeadline() {
            ScheduledFuture<?> scheduled = deadline;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    /** The request with its body read: stream, reader and form parameters served from the copy. */
    static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private boolean used;
        private Map<String, String[]> parameters;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            used = true;
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws UnsupportedEncodingException {
            used = true;
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters());
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters().get(name);
        }

        /** The query's parameters, then, for a form post whose body was not read as a stream, the form's. */
        private synchronized Map<String, String[]> parameters() {
            if (parameters == null) {
                Map<String, List<String>> collected = new LinkedHashMap<>();
                decodeInto(getQueryString(), StandardCharsets.UTF_8, collected);
                String type = getContentType();
                if (!used && type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    Charset charset;
                    try {
                        charset = charset();
                    } catch (UnsupportedEncodingException e) {
                        charset = StandardCharsets.UTF_8;
                    }
                    decodeInto(new String(body, charset), charset, collected);
                }
                Map<String, String[]> result = new LinkedHashMap<>();
                collected.forEach((key, values) -> result.put(key, values.toArray(String[]::new)));
                parameters = result;
            }
            return parameters;
        }

        private Charset charset() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
        }

        private static void decodeInto(String encoded, Charset charset, Map<String, List<String>> into) {
            if (encoded == null || encoded.isEmpty()) {
                return;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                try {
                    String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                    into.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
                } catch (IllegalArgumentException malformed) {
                    throw new dev.backline.plugin.api.errors.InputError("Malformed form or query parameter: " + pair);
                }
            }
        }
    }
}
