package dev.backline.urlreader.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.errors.NotImplementedError;
import dev.backline.plugin.api.errors.NotModifiedError;
import dev.backline.plugin.api.errors.PayloadTooLargeError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.UrlReaderReadTreeOptions;
import dev.backline.plugin.api.services.UrlReaderReadTreeResponse;
import dev.backline.plugin.api.services.UrlReaderReadUrlOptions;
import dev.backline.plugin.api.services.UrlReaderReadUrlResponse;
import dev.backline.plugin.api.services.UrlReaderSearchResponse;

/**
 * Plain HTTP(S) reading on the JDK's HttpClient: one GET per file, conditional on the caller's etag or date, within
 * {@code backend.reading.allow}, a size limit and a time-out. Redirects are followed here, hop by hop, so that each
 * target is checked against the allow list as the first URL was.
 */
final class PlainHttpReader {

    static final int MAX_REDIRECTS = 10;

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final ReadingSettings settings;
    private final HttpClient client;

    /** @param proxy where requests go; null for the JDK's default proxy selector (the http(s).proxyHost properties) */
    PlainHttpReader(ReadingSettings settings, ProxySelector proxy) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .proxy(proxy == null ? ProxySelector.getDefault() : proxy);
        this.client = builder.build();
    }

    ReadingSettings settings() {
        return settings;
    }

    /** @throws NotAllowedError naming the URL and {@code backend.reading.allow} unless it allows {@code url} */
    void checkAllowed(URI url) {
        String reason = refusal(url);
        if (reason != null) {
            throw new NotAllowedError("Reading " + Urls.describe(url) + " is not allowed: " + reason);
        }
    }

    /** Why {@code url} may not be read, or null when it may. */
    private String refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "no URL reader takes it, and " + ReadingSettings.ALLOW_KEY + " applies to http and https URLs only";
        }
        if (url.getHost() == null) {
            return "it names no host for " + ReadingSettings.ALLOW_KEY + " to allow";
        }
        if (url.getRawUserInfo() != null) {
            return "plain reading (" + ReadingSettings.ALLOW_KEY + ") sends no credentials from the URL; pass a token"
                    + " in the read options instead";
        }
        if (Urls.hasEncodedDotSegment(url)) {
            return "its path has percent-encoded dot segments (%2e), which the path prefixes of "
                    + ReadingSettings.ALLOW_KEY + " cannot vouch for";
        }
        if (Urls.hasAmbiguousSeparator(url)) {
            return "its path has a ';' parameter or an encoded separator (%2f, %5c), which the path prefixes of "
                    + ReadingSettings.ALLOW_KEY + " cannot vouch for";
        }
        if (!settings.allows(url)) {
            String host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
            return "no URL reader takes it, and " + ReadingSettings.ALLOW_KEY + " does not allow its host and path"
                    + " (an entry such as {host: '" + host + "'} would)";
        }
        return null;
    }

    UrlReaderReadUrlResponse readUrl(URI url, UrlReaderReadUrlOptions options) {
        checkAllowed(url);
        long maxSizeBytes = options.maxSizeBytes() != null ? options.maxSizeBytes() : settings.maxSizeBytes();
        Duration timeout = options.timeout() != null ? options.timeout() : settings.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = url;
        for (int redirects = 0;; redirects++) {
            HttpResponse<byte[]> response = send(url, current, options, maxSizeBytes, timeout, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                if (redirects == MAX_REDIRECTS) {
                    throw new ServiceUnavailableError("Could not read " + Urls.describe(url) + ": more than "
                            + MAX_REDIRECTS + " redirects");
                }
                current = redirectTarget(url, current, location.get());
                continue;
            }
            return answer(url, current, response, options);
        }
    }

    UrlReaderReadTreeResponse readTree(URI url, UrlReaderReadTreeOptions options) {
        checkAllowed(url);
        throw new NotImplementedError("Plain HTTP cannot list a tree, so " + Urls.describe(url) + " cannot be read as"
                + " one: that takes a URL reader bundle (a UrlReaderProvider service) for its host");
    }

    /** Without glob characters, the one file the URL names; none when it does not exist. */
    UrlReaderSearchResponse search(URI url, UrlReaderReadUrlOptions options) {
        checkAllowed(url);
        if (Urls.hasGlob(url)) {
            throw new NotImplementedError("Plain HTTP cannot search, so the pattern in " + Urls.describe(url)
                    + " cannot be expanded: name one file (no *, {}, []), or add a URL reader bundle for its host");
        }
        UrlReaderReadUrlResponse file;
        try {
            file = readUrl(url, options);
        } catch (NotFoundError missing) {
            return UrlReaderSearchResponse.of(List.of());
        }
        return UrlReaderSearchResponse.of(List.of(
                UrlReaderSearchResponse.File.of(url.toString(), file.buffer()).lastModifiedAt(file.lastModifiedAt())))
                .etag(file.etag());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private URI redirectTarget(URI url, URI current, String location) {
        URI next;
        try {
            next = current.resolve(Urls.parseReference(location)).normalize();
        } catch (IllegalArgumentException e) {
            throw new ServiceUnavailableError("Could not read " + Urls.describe(url) + ": it redirects to '" + location
                    + "', which is not a URL");
        }
        String reason = refusal(next);
        if (reason != null) {
            throw new NotAllowedError("Reading " + Urls.describe(url) + " is not allowed: it redirects to "
                    + Urls.describe(next) + ", and " + reason);
        }
        return next;
    }

    private HttpResponse<byte[]> send(URI url, URI current, UrlReaderReadUrlOptions options, long maxSizeBytes,
            Duration timeout, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(url, timeout, null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(Urls.withoutFragment(current)).GET().timeout(Duration.ofNanos(remaining));
        if ("http".equalsIgnoreCase(current.getScheme())) {
            request.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade: servers that mishandle it are common
        }
        if (options.etag() != null) {
            request.header("If-None-Match", options.etag());
        }
        if (options.lastModifiedAfter() != null) {
            request.header("If-Modified-Since", HTTP_DATE.format(options.lastModifiedAfter()));
        }
        if (options.token() != null && Urls.sameOrigin(url, current)) { // a redirect elsewhere does not get it
            request.header("Authorization", "Bearer " + options.token());
        }
        LimitedBody body = new LimitedBody(url, maxSizeBytes);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), body);
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            body.cancel();
            throw timedOut(url, timeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            body.cancel();
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableError("Interrupted while reading " + Urls.describe(url), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof BackendError error) {
                throw error;
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(url, timeout, cause);
            }
            throw new ServiceUnavailableError("Could not read " + Urls.describe(url) + ": " + cause, cause);
        }
    }

    private static ServiceUnavailableError timedOut(URI url, Duration timeout, Throwable cause) {
        return new ServiceUnavailableError("Reading " + Urls.describe(url) + " took longer than " + timeout.toMillis()
                + " ms (the timeout option, or " + ReadingSettings.TIMEOUT_KEY + ")", cause);
    }

    private static UrlReaderReadUrlResponse answer(URI url, URI current, HttpResponse<byte[]> response,
            UrlReaderReadUrlOptions options) {
        int status = response.statusCode();
        String via = current.equals(url) ? "" : " (redirected to " + Urls.describe(current) + ")";
        if (status >= 200 && status < 300) {
            return UrlReaderReadUrlResponse.of(response.body())
                    .etag(response.headers().firstValue("ETag").orElse(null))
                    .lastModifiedAt(response.headers().firstValue("Last-Modified").map(PlainHttpReader::httpDate)
                            .orElse(null));
        }
        if (status == 304) {
            throw new NotModifiedError(Urls.describe(url) + " has not changed"
                    + (options.etag() != null ? " from etag " + options.etag() : "")
                    + (options.lastModifiedAfter() != null ? " since " + options.lastModifiedAfter() : ""));
        }
        if (status == 404) {
            throw new NotFoundError("Could not read " + Urls.describe(url) + ": 404 Not Found" + via);
        }
        throw new ServiceUnavailableError("Could not read " + Urls.describe(url) + ": the server answered HTTP "
                + status + via);
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null; // an unreadable date is no date: the caller just cannot ask for changes since then
        }
    }

    /**
     * Takes a successful response's body up to the limit, failing as soon as the Content-Length or the bytes that
     * arrived exceed it (the rest is never read); other responses' bodies are not read at all.
     */
    private static final class LimitedBody implements BodyHandler<byte[]> {

        private final URI url;
        private final long maxSizeBytes;
        private volatile Flow.Subscription subscription;

        LimitedBody(URI url, long maxSizeBytes) {
            this.url = url;
            this.maxSizeBytes = maxSizeBytes;
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public BodySubscriber<byte[]> apply(ResponseInfo info) {
            boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            PayloadTooLargeError tooLarge = declared > maxSizeBytes ? tooLarge(" (Content-Length " + declared + ")") : null;
            return new Subscriber(success, tooLarge);
        }

        private PayloadTooLargeError tooLarge(String detail) {
            return new PayloadTooLargeError(Urls.describe(url) + " is larger than the " + maxSizeBytes + " bytes allowed"
                    + detail + " (the maxSizeBytes option, or " + ReadingSettings.MAX_SIZE_KEY + ")");
        }

        private final class Subscriber implements BodySubscriber<byte[]> {

            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private final boolean keep;
            private final PayloadTooLargeError tooLarge;

            Subscriber(boolean keep, PayloadTooLargeError tooLarge) {
                this.keep = keep;
                this.tooLarge = tooLarge;
            }

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription given) {
                subscription = given;
                if (!keep || tooLarge != null) {
                    given.cancel();
                    if (tooLarge != null) {
                        result.completeExceptionally(tooLarge);
                    } else {
                        result.complete(new byte[0]);
                    }
                    return;
                }
                given.request(1);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer buffer : buffers) {
                    if (bytes.size() + (long) buffer.remaining() > maxSizeBytes) {
                        subscription.cancel();
                        result.completeExceptionally(tooLarge(""));
                        return;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(bytes.toByteArray());
            }
        }
    }
}
