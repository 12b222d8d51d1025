package dev.backline.urlreader.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.errors.NotImplementedError;
import dev.backline.plugin.api.errors.NotModifiedError;
import dev.backline.plugin.api.errors.PayloadTooLargeError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.UrlReaderProvider;
import dev.backline.plugin.api.services.UrlReaderReadTreeOptions;
import dev.backline.plugin.api.services.UrlReaderReadUrlOptions;
import dev.backline.plugin.api.services.UrlReaderReadUrlResponse;
import dev.backline.plugin.api.services.UrlReaderSearchResponse;
import dev.backline.plugin.api.services.UrlReaderService;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/**
 * {@code core.urlReader} against a local HTTP server. Most tests use it as a proxy, so that test host names
 * ({@code docs.example.test}) reach it without DNS; the allow list is checked on the URL before any request.
 */
class UrlReadersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private TestServer server;
    private final CapturingLogger logs = new CapturingLogger(LogLevel.DEBUG);

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A reader with {@code backend.reading} set to {@code reading}, reaching every host through the test server. */
    private UrlReaderService reader(Map<String, ?> reading, List<UrlReaderProvider> providers) {
        return reader(reading, providers, server.asProxy());
    }

    private UrlReaderService reader(Map<String, ?> reading, List<UrlReaderProvider> providers, ProxySelector proxy) {
        ReadingSettings settings = ReadingSettings.from(ConfigReader.of(Map.of("backend", Map.of("reading", reading))));
        return new UrlReaders(() -> providers, new PlainHttpReader(settings, proxy), logs);
    }

    private UrlReaderService docsReader() {
        return reader(Map.of("allow", List.of(Map.of("host", "docs.example.test", "paths", List.of("/allowed/")))),
                List.of());
    }

    private static String text(UrlReaderReadUrlResponse response) {
        return new String(response.buffer(), StandardCharsets.UTF_8);
    }

    private static void assertNames(BackendError error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "'" + part + "' missing from: " + error.getMessage());
        }
    }

    @Test
    void theAllowListDecidesHostsPortsAndPaths() {
        for (String host : List.of("docs.example.test", "api.wild.test", "deep.api.wild.test", "ports.test", "dir.test",
                "wild.test", "evilwild.test", "other.test")) {
            for (String path : List.of("/allowed/a.txt", "/allowed-not/a.txt", "/secret.txt", "/x", "/team", "/team/x",
                    "/teamx")) {
                server.text(host + path, host + path);
            }
        }
        UrlReaderService reader = reader(Map.of("allow", List.of(
                Map.of("host", "docs.example.test", "paths", List.of("/allowed/")),
                Map.of("host", "*.wild.test"),
                Map.of("host", "ports.test:8000-8099"),
                Map.of("host", "DIR.test", "paths", List.of("/team")))), List.of());

        for (String allowed : List.of("http://docs.example.test/allowed/a.txt", "http://docs.example.test:80/allowed/a.txt",
                "http://api.wild.test/x", "http://deep.api.wild.test/x", "http://ports.test:8050/x",
                "http://ports.test:8000/x", "http://dir.test/team", "http://dir.test/team/x",
                "http://docs.example.test/allowed/./sub/../a.txt")) {
            URI uri = URI.create(allowed).normalize();
            assertEquals(uri.getHost() + uri.getPath(), text(reader.readUrl(allowed)), allowed);
        }
        int served = server.seen.size();
        for (String refused : List.of("http://docs.example.test/allowed-not/a.txt", "http://docs.example.test/secret.txt",
                "http://docs.example.test/allowed/../secret.txt", "http://docs.example.test/allowed/%2e%2e/secret.txt",
                "http://docs.example.test/allowed/%2E./secret.txt", "http://docs.example.test:8080/allowed/a.txt",
                "http://wild.test/x", "http://evilwild.test/x", "http://ports.test:8100/x", "http://ports.test/x",
                "http://dir.test/teamx", "http://other.test/allowed/a.txt", "http://user:pw@docs.example.test/allowed/a.txt",
                "http://docs.example.test/allowed/..;/secret.txt", "http://docs.example.test/allowed/..%2fsecret.txt",
                "http://docs.example.test/allowed/..%5Csecret.txt")) {
            NotAllowedError error = assertThrows(NotAllowedError.class, () -> reader.readUrl(refused), refused);
            assertNames(error, "backend.reading.allow");
            String named = URI.create(refused).normalize().toString().replace("user:pw@", "***@");
            assertTrue(error.getMessage().contains(named), error.getMessage());
            assertFalse(error.getMessage().contains("pw@"), "no password in messages: " + error.getMessage());
        }
        assertEquals(served, server.seen.size(), "a refused URL is never requested");
    }

    @Test
    void withoutAnAllowListNothingIsReadAndOnlyHttpSchemesEver() {
        server.text("docs.example.test/allowed/a.txt", "a");
        UrlReaderService none = reader(Map.of(), List.of());
        assertNames(assertThrows(NotAllowedError.class, () -> none.readUrl("http://docs.example.test/allowed/a.txt")),
                "http://docs.example.test/allowed/a.txt", "backend.reading.allow");

        UrlReaderService reader = docsReader();
        for (String url : List.of("file:///etc/passwd", "ftp://docs.example.test/allowed/a.txt",
                "jar:file:/x.jar!/allowed/a.txt")) {
            BackendError error = assertThrows(BackendError.class, () -> reader.readUrl(url), url);
            assertTrue(error instanceof NotAllowedError || error instanceof InputError, error.toString());
            assertNames(error, url);
        }
        assertNames(assertThrows(NotAllowedError.class, () -> reader.readUrl("ftp://docs.example.test/allowed/a.txt")),
                "http and https");
        assertNames(assertThrows(InputError.class, () -> reader.readUrl("/allowed/a.txt")), "/allowed/a.txt");
        assertNames(assertThrows(InputError.class, () -> reader.readUrl("http://docs.example.test:x/")),
                "http://docs.example.test:x/");
        assertTrue(server.seen.isEmpty(), server.seen.toString());
    }

    @Test
    void hostAndPortAreMatchedOnDirectConnections() {
        server.text("127.0.0.1/f.txt", "direct");
        server.text("localhost/f.txt", "direct");
        int port = server.port();
        UrlReaderService reader = reader(Map.of("allow", List.of(Map.of("host", "127.0.0.1:" + port))), List.of(),
                HttpClient.Builder.NO_PROXY);
        assertEquals("direct", text(reader.readUrl("http://127.0.0.1:" + port + "/f.txt")));
        assertThrows(NotAllowedError.class, () -> reader.readUrl("http://localhost:" + port + "/f.txt"));
        assertThrows(NotAllowedError.class, () -> reader.readUrl("http://127.0.0.1:" + (port == 65535 ? 1 : port + 1)
                + "/f.txt"));

        UrlReaderService withoutPort = reader(Map.of("allow", List.of(Map.of("host", "127.0.0.1"))), List.of(),
                HttpClient.Builder.NO_PROXY);
        assertNames(assertThrows(NotAllowedError.class, () -> withoutPort.readUrl("http://127.0.0.1:" + port + "/f.txt")),
                "{host: '127.0.0.1:" + port + "'}");
        assertEquals(1, server.seen.size(), server.seen.toString());
    }

    @Test
    void anEtagOrDateThatStillHoldsIsNotModified() {
        Instant changed = Instant.parse("2024-03-05T08:09:10Z");
        server.on("docs.example.test/allowed/catalog-info.yaml", exchange -> {
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            if ("\"v1\"".equals(ifNoneMatch) || "Tue, 05 Mar 2024 08:09:10 GMT".equals(ifModifiedSince)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.getResponseHeaders().add("Last-Modified", "Tue, 05 Mar 2024 08:09:10 GMT");
            TestServer.send(exchange, 200, "kind: Component");
        });
        UrlReaderService reader = docsReader();
        String url = "http://docs.example.test/allowed/catalog-info.yaml";

        UrlReaderReadUrlResponse first = reader.readUrl(url);
        assertEquals("kind: Component", text(first));
        assertEquals("kind: Component", new String(assertTimeoutPreemptively(DEADLINE, () -> first.stream().readAllBytes()),
                StandardCharsets.UTF_8));
        assertEquals("\"v1\"", first.etag());
        assertEquals(changed, first.lastModifiedAt());

        NotModifiedError byEtag = assertThrows(NotModifiedError.class,
                () -> reader.readUrl(url, UrlReaderReadUrlOptions.of().etag(first.etag())));
        assertNames(byEtag, url);
        assertThrows(NotModifiedError.class,
                () -> reader.readUrl(url, UrlReaderReadUrlOptions.of().lastModifiedAfter(first.lastModifiedAt())));
        assertEquals("Tue, 05 Mar 2024 08:09:10 GMT", server.seen.get(2).header("If-Modified-Since"));
        assertEquals("kind: Component", text(reader.readUrl(url, UrlReaderReadUrlOptions.of().etag("\"v0\""))),
                "another etag reads the file");
    }

    @Test
    void missingFilesAreNotFoundAndOtherStatusesNameTheirStatus() {
        server.on("docs.example.test/allowed/broken", exchange -> TestServer.send(exchange, 500, "oops"));
        server.on("docs.example.test/allowed/forbidden", exchange -> TestServer.send(exchange, 403, "no"));
        UrlReaderService reader = docsReader();

        assertNames(assertThrows(NotFoundError.class, () -> reader.readUrl("http://docs.example.test/allowed/nope")),
                "http://docs.example.test/allowed/nope", "404");
        assertNames(assertThrows(ServiceUnavailableError.class,
                () -> reader.readUrl("http://docs.example.test/allowed/broken")),
                "http://docs.example.test/allowed/broken", "500");
        assertNames(assertThrows(ServiceUnavailableError.class,
                () -> reader.readUrl("http://docs.example.test/allowed/forbidden")), "403");
    }

    @Test
    void theTokenIsSentAsBearerToTheFirstOriginOnly() {
        server.on("docs.example.test/allowed/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://api.wild.test/target");
            exchange.sendResponseHeaders(302, -1);
        });
        server.text("api.wild.test/target", "moved here");
        UrlReaderService reader = reader(Map.of("allow", List.of(
                Map.of("host", "docs.example.test", "paths", List.of("/allowed/")), Map.of("host", "*.wild.test"))),
                List.of());

        assertEquals("moved here", text(reader.readUrl("http://docs.example.test/allowed/moved",
                UrlReaderReadUrlOptions.of().token("s3cret"))));
        assertEquals("Bearer s3cret", server.seenAt("docs.example.test").get(0).header("Authorization"));
        assertNull(server.seenAt("api.wild.test").get(0).header("Authorization"));
    }

    @Test
    void redirectsAreFollowedOnlyWhereTheAllowListAllows() {
        server.on("docs.example.test/allowed/out", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://evil.test/steal");
            exchange.sendResponseHeaders(302, -1);
        });
        server.on("docs.example.test/allowed/up", exchange -> {
            exchange.getResponseHeaders().add("Location", "../secret.txt");
            exchange.sendResponseHeaders(301, -1);
        });
        server.on("docs.example.test/allowed/in", exchange -> {
            exchange.getResponseHeaders().add("Location", "/allowed/target.txt");
            exchange.sendResponseHeaders(307, -1);
        });
        server.on("docs.example.test/allowed/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/allowed/loop");
            exchange.sendResponseHeaders(302, -1);
        });
        server.text("docs.example.test/allowed/target.txt", "target");
        server.text("evil.test/steal", "stolen");
        server.text("docs.example.test/secret.txt", "secret");
        UrlReaderService reader = docsReader();

        assertEquals("target", text(reader.readUrl("http://docs.example.test/allowed/in")));
        assertNames(assertThrows(NotAllowedError.class, () -> reader.readUrl("http://docs.example.test/allowed/out")),
                "http://docs.example.test/allowed/out", "http://evil.test/steal", "backend.reading.allow");
        assertNames(assertThrows(NotAllowedError.class, () -> reader.readUrl("http://docs.example.test/allowed/up")),
                "http://docs.example.test/secret.txt");
        assertTrue(server.seenAt("evil.test").isEmpty(), "never asked: " + server.seen);
        assertTrue(server.seen.stream().noneMatch(s -> s.path().equals("/secret.txt")), server.seen.toString());

        assertNames(assertThrows(ServiceUnavailableError.class, () -> reader.readUrl("http://docs.example.test/allowed/loop")),
                "redirects");
        assertEquals(PlainHttpReader.MAX_REDIRECTS + 1, server.seen.stream().filter(s -> s.path().equals("/allowed/loop"))
                .count());
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeTheBody() {
        server.text("docs.example.test/allowed/hundred", "x".repeat(100));
        UrlReaderService reader = docsReader();
        String url = "http://docs.example.test/allowed/hundred";

        assertNames(assertThrows(PayloadTooLargeError.class,
                () -> reader.readUrl(url, UrlReaderReadUrlOptions.of().maxSizeBytes(99))), url, "99", "Content-Length 100");
        assertEquals(100, reader.readUrl(url, UrlReaderReadUrlOptions.of().maxSizeBytes(100)).buffer().length,
                "exactly the limit is allowed");

        UrlReaderService tenBytes = reader(Map.of("maxSizeBytes", 10,
                "allow", List.of(Map.of("host", "docs.example.test"))), List.of());
        assertNames(assertThrows(PayloadTooLargeError.class, () -> tenBytes.readUrl(url)), "backend.reading.maxSizeBytes");
        assertEquals(100, tenBytes.readUrl(url, UrlReaderReadUrlOptions.of().maxSizeBytes(1000)).buffer().length,
                "the option overrides the configured default");
    }

    @Test
    void anEndlessBodyWithoutLengthIsCutOffAtTheLimit() throws InterruptedException {
        CountDownLatch clientWentAway = new CountDownLatch(1);
        server.on("docs.example.test/allowed/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to check up front
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                while (server.release.getCount() > 0) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException expected) {
                clientWentAway.countDown();
            }
        });
        UrlReaderService reader = docsReader();

        PayloadTooLargeError error = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(PayloadTooLargeError.class,
                () -> reader.readUrl("http://docs.example.test/allowed/endless",
                        UrlReaderReadUrlOptions.of().maxSizeBytes(100_000))));
        assertNames(error, "http://docs.example.test/allowed/endless", "100000");
        assertTrue(clientWentAway.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the reader closed the connection");
    }

    @Test
    void aServerThatStallsTimesOut() {
        server.on("docs.example.test/allowed/silent", exchange -> server.release.await());
        server.on("docs.example.test/allowed/half", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("the first half".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            server.release.await();
        });
        UrlReaderService reader = docsReader();
        UrlReaderService configured = reader(Map.of("timeout", "300ms",
                "allow", List.of(Map.of("host", "docs.example.test"))), List.of());

        for (String path : List.of("silent", "half")) {
            String url = "http://docs.example.test/allowed/" + path;
            long start = System.nanoTime();
            ServiceUnavailableError byOption = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(
                    ServiceUnavailableError.class,
                    () -> reader.readUrl(url, UrlReaderReadUrlOptions.of().timeout(Duration.ofMillis(300)))));
            assertNames(byOption, url, "300 ms");
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "not before the time-out");
            assertNames(assertTimeoutPreemptively(DEADLINE, () -> assertThrows(ServiceUnavailableError.class,
                    () -> configured.readUrl(url))), url, "backend.reading.timeout");
        }
    }

    @Test
    void plainHttpReadsNoTrees() {
        UrlReaderService reader = docsReader();
        assertNames(assertThrows(NotImplementedError.class,
                () -> reader.readTree("http://docs.example.test/allowed/docs/")),
                "http://docs.example.test/allowed/docs/", "tree");
        assertThrows(NotAllowedError.class, () -> reader.readTree("http://other.test/docs/"));
    }

    @Test
    void searchReadsOneFileWithoutGlobsAndRefusesPatterns() {
        server.on("docs.example.test/allowed/catalog-info.yaml", exchange -> {
            if ("\"c1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"c1\"");
            exchange.getResponseHeaders().add("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT");
            TestServer.send(exchange, 200, "kind: System");
        });
        UrlReaderService reader = docsReader();
        String url = "http://docs.example.test/allowed/catalog-info.yaml";

        UrlReaderSearchResponse found = reader.search(url);
        assertEquals(1, found.files().size(), found.toString());
        assertEquals(url, found.files().get(0).url());
        assertArrayEquals("kind: System".getBytes(StandardCharsets.UTF_8), found.files().get(0).content());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), found.files().get(0).lastModifiedAt());
        assertEquals("\"c1\"", found.etag());

        assertEquals(List.of(), reader.search("http://docs.example.test/allowed/missing.yaml").files());
        assertThrows(NotModifiedError.class, () -> reader.search(url, UrlReaderReadUrlOptions.of().etag("\"c1\"")));

        int requests = server.seen.size();
        for (String pattern : List.of("http://docs.example.test/allowed/**/catalog-info.yaml",
                "http://docs.example.test/allowed/{a,b}.yaml", "http://docs.example.test/allowed/[ab].yaml")) {
            assertNames(assertThrows(NotImplementedError.class, () -> reader.search(pattern), pattern), "pattern");
        }
        assertEquals(requests, server.seen.size(), "a pattern is not requested");
        assertThrows(NotAllowedError.class, () -> reader.search("http://other.test/**/catalog-info.yaml"));
    }

    /** A provider for the hosts given, answering with its name and the URL. */
    private static UrlReaderProvider provider(String name, List<URI> asked, String... hosts) {
        return new UrlReaderProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean canRead(URI url) {
                return List.of(hosts).contains(url.getHost());
            }

            @Override
            public UrlReaderReadUrlResponse readUrl(URI url, UrlReaderReadUrlOptions options) throws IOException {
                asked.add(url);
                if (url.getPath().endsWith("/broken")) {
                    throw new IOException("connection reset");
                }
                String size = url.getPath().endsWith("/big") ? "x".repeat(200) : "";
                return UrlReaderReadUrlResponse.of((name + " " + url + " " + options.maxSizeBytes() + " "
                        + options.timeout() + size).getBytes(StandardCharsets.UTF_8)).etag(name);
            }
        };
    }

    @Test
    void providersReadTheirUrlsBeforeThePlainReaderInOrder() {
        server.text("docs.example.test/allowed/a.txt", "plain");
        List<URI> asked = new CopyOnWriteArrayList<>();
        UrlReaderProvider failing = new UrlReaderProvider() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public boolean canRead(URI url) {
                throw new IllegalStateException("not configured");
            }

            @Override
            public UrlReaderReadUrlResponse readUrl(URI url, UrlReaderReadUrlOptions options) {
                throw new AssertionError("never asked to read");
            }
        };
        List<UrlReaderProvider> providers = new ArrayList<>(List.of(failing,
                provider("first", asked, "scm.test"), provider("second", asked, "scm.test", "docs.example.test")));
        AtomicReference<List<UrlReaderProvider>> current = new AtomicReference<>(List.copyOf(providers));
        ReadingSettings settings = ReadingSettings.from(ConfigReader.of(Map.of("backend", Map.of("reading", Map.of(
                "maxSizeBytes", 100, "timeout", "5s",
                "allow", List.of(Map.of("host", "docs.example.test", "paths", List.of("/allowed/"))))))));
        UrlReaderService reader = new UrlReaders(current::get, new PlainHttpReader(settings, server.asProxy()), logs);

        assertEquals("first https://scm.test/org/repo/a.yaml 100 PT5S",
                text(reader.readUrl("https://scm.test/org/repo/a.yaml")), "not in the allow list, but a provider's");
        assertEquals("second http://docs.example.test/allowed/a.txt 100 PT5S",
                text(reader.readUrl("http://docs.example.test/allowed/a.txt")), "before the plain reader");
        assertEquals("first https://scm.test/x 70 PT1S", text(reader.readUrl("https://scm.test/x",
                UrlReaderReadUrlOptions.of().maxSizeBytes(70).timeout(Duration.ofSeconds(1)))), "the caller's options");
        assertTrue(server.seen.isEmpty(), "the plain reader was not asked: " + server.seen);
        assertTrue(logs.contains("failing"), "the failing provider was logged: " + logs.messages());

        current.set(List.of(failing, provider("first", asked, "scm.test")));
        assertEquals("plain", text(reader.readUrl("http://docs.example.test/allowed/a.txt")), "providers change per read");

        assertNames(assertThrows(ServiceUnavailableError.class, () -> reader.readUrl("https://scm.test/broken")),
                "https://scm.test/broken", "first", "connection reset");
        assertNames(assertThrows(PayloadTooLargeError.class, () -> reader.readUrl("https://scm.test/big")),
                "https://scm.test/big", "100");
        assertNames(assertThrows(NotImplementedError.class, () -> reader.readTree("https://scm.test/org/repo/tree/main")),
                "first", "https://scm.test/org/repo/tree/main");
        assertNames(assertThrows(NotImplementedError.class, () -> reader.search("https://scm.test/org/**/x.yaml")),
                "first");
        assertNames(assertThrows(NotAllowedError.class, () -> reader.readUrl("https://unknown.test/x")),
                "https://unknown.test/x", "backend.reading.allow");
    }

    @Test
    void theFactoryServesPluginsFromTheRootConfig() {
        server.text("127.0.0.1/hello.txt", "hello");
        List<UrlReaderService> readers = new CopyOnWriteArrayList<>();
        List<URI> asked = new CopyOnWriteArrayList<>();
        Backend backend = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", Map.of("reading", Map.of(
                        "allow", List.of(Map.of("host", "127.0.0.1:" + server.port()))))), "test")))
                .logger(new CapturingLogger())
                .add(UrlReaderServiceFactory.create(() -> List.of(provider("scm", asked, "scm.test")),
                        HttpClient.Builder.NO_PROXY))
                .add(BackendPlugin.create("catalog", env -> env.registerInit(List.of(CoreServices.URL_READER),
                        deps -> readers.add(deps.get(CoreServices.URL_READER)))))
                .build();
        backend.start();
        try {
            assertEquals(1, readers.size());
            assertEquals("hello", text(readers.get(0).readUrl("http://127.0.0.1:" + server.port() + "/hello.txt")));
            assertTrue(text(readers.get(0).readUrl("https://scm.test/a")).startsWith("scm "));
            assertThrows(NotAllowedError.class, () -> readers.get(0).readUrl("http://127.0.0.1:1/hello.txt"));
            assertThrows(NotImplementedError.class, () -> readers.get(0).readTree("http://127.0.0.1:" + server.port()
                    + "/", UrlReaderReadTreeOptions.of().filter(path -> true)));
        } finally {
            backend.stop();
        }
    }
}
