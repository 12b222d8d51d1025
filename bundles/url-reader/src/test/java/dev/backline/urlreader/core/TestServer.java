package dev.backline.urlreader.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server for the reader's tests. Requests sent to it as a proxy carry their absolute URL, so any host
 * name reaches it: handlers are chosen by host and path, and every request is recorded.
 */
final class TestServer implements AutoCloseable {

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** One request as the server saw it. */
    record Seen(String host, String path, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** Released when the test ends, so that stalling handlers end too. */
    final CountDownLatch release = new CountDownLatch(1);
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor); // stalling handlers must not hold up the others
        server.createContext("/", exchange -> {
            try (exchange) {
                String host = exchange.getRequestHeaders().getFirst("Host").replaceFirst(":\\d+$", "");
                String path = exchange.getRequestURI().getRawPath();
                seen.add(new Seen(host, path, Map.copyOf(exchange.getRequestHeaders())));
                Handler handler = handlers.get(host + path);
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Routes every request to this server, whatever its host. */
    ProxySelector asProxy() {
        return ProxySelector.of(new InetSocketAddress("127.0.0.1", port()));
    }

    /** Serves {@code host}{@code path} (the host without port). */
    TestServer on(String hostAndPath, Handler handler) {
        handlers.put(hostAndPath, handler);
        return this;
    }

    TestServer text(String hostAndPath, String body) {
        return on(hostAndPath, exchange -> send(exchange, 200, body));
    }

    List<Seen> seenAt(String host) {
        return seen.stream().filter(s -> s.host().equals(host)).toList();
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
