package dev.backline.host.osgi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.backline.plugin.api.services.Config;

/**
 * Where the HTTP server listens, from {@code backend.listen.port} (default 7007) and
 * {@code backend.listen.host} (default: every interface), and how that is written into the Felix HTTP
 * configuration ({@code org.apache.felix.http}): merged into what is there, so an operator's TLS and
 * connector settings stay.
 */
record ListenAddress(Optional<String> host, int port) {

    static final String PID = "org.apache.felix.http";
    static final String PORT_KEY = "org.osgi.service.http.port";
    static final String HOST_KEY = "org.apache.felix.http.host";
    /** Written as true: an operator may have disabled HTTP in a configuration of their own. */
    static final String ENABLE_KEY = "org.apache.felix.http.enable";
    static final int DEFAULT_PORT = 7007;

    ListenAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("backend.listen.port must be between 0 and 65535, got " + port);
        }
    }

    /**
     * @throws RuntimeException naming the key, for a value of the wrong type or out of range
     */
    static ListenAddress of(Config root) {
        int port = root.getOptionalInt("backend.listen.port").orElse(DEFAULT_PORT);
        Optional<String> host = root.getOptionalString("backend.listen.host").map(String::trim).filter(h -> !h.isEmpty());
        return new ListenAddress(host, port);
    }

    /** "127.0.0.1:7007", or "all interfaces, port 7007". */
    String describe() {
        return host.map(h -> h + ":" + port).orElse("all interfaces, port " + port);
    }

    /**
     * The Felix HTTP configuration to write: {@code current} with the port, the host (when configured) and
     * HTTP enabled. Other keys (TLS, connector settings) are kept as they are.
     */
    Map<String, Object> mergeInto(Map<String, Object> current) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.put(PORT_KEY, port);
        host.ifPresent(h -> merged.put(HOST_KEY, h));
        merged.put(ENABLE_KEY, true);
        return merged;
    }

    /** Whether {@code current} already says what {@link #mergeInto} would write. */
    boolean isIn(Map<String, Object> current) {
        return String.valueOf(port).equals(String.valueOf(current.get(PORT_KEY)))
                && host.map(h -> h.equals(String.valueOf(current.get(HOST_KEY)))).orElse(true)
                && "true".equals(String.valueOf(current.get(ENABLE_KEY)));
    }

    /**
     * Tries to bind the address, and lets go at once: a port another process holds fails here with the
     * system's reason, before the HTTP server is asked to take it.
     *
     * @return empty when it can be bound, else why not
     */
    Optional<String> probe() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            InetAddress address = host.isPresent() ? InetAddress.getByName(host.get()) : null;
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
