package dev.backline.host.osgi;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.backline.plugin.api.services.LoggerService;

/**
 * Points the Felix HTTP server at {@code backend.listen} and checks that it listens there. A port another
 * process holds is found before the server is asked to take it; a server that still does not listen after
 * a while is reported too. Either way the failure goes to {@code onFailure}, with the address and why.
 */
final class HttpSettings {

    /** How long the server may take to listen after it was (re)configured. */
    static final Duration LISTEN_DEADLINE = Duration.ofSeconds(15);
    /** Marks the HTTP configuration the host wrote, so that it is removed again when the framework stops. */
    static final String WRITTEN_BY_HOST = "backline.written";
    /** Framework property: Felix HTTP starts only once it has a configuration (the executable jar sets it). */
    static final String REQUIRE_CONFIG = "org.apache.felix.http.require.config";
    private static final String RUNTIME_CLASS = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final String ENDPOINT_PROPERTY = "osgi.http.endpoint";

    private final BundleContext context;
    private final ConfigurationStore store;
    private final LoggerService logger;

    HttpSettings(BundleContext context, ConfigurationStore store, LoggerService logger) {
        this.context = context;
        this.store = store;
        this.logger = logger;
    }

    /**
     * Configures the server for {@code address} unless it already listens there, then watches (on a thread
     * of its own) that it does within {@link #LISTEN_DEADLINE}.
     *
     * @param onFailure told "Cannot listen on …: why" when the address cannot be had
     */
    void apply(ListenAddress address, Consumer<String> onFailure) {
        if (store.fileBacked(ListenAddress.PID)) {
            logger.info("The HTTP server is configured by an operator's file (" + ListenAddress.PID
                    + ".cfg); backend.listen is not applied");
            return;
        }
        Map<String, Object> current = store.read(ListenAddress.PID).orElse(Map.of());
        // Configured already, or (no configuration, all interfaces) started from the framework properties on this port:
        // writing the configuration would only restart a server that serves, and Felix HTTP can lose its whiteboard in
        // such a restart.
        boolean unconfiguredOnPort = current.isEmpty() && address.host().isEmpty();
        if ((address.isIn(current) || unconfiguredOnPort) && listens(address)) {
            logger.info("HTTP server listens on " + address.describe());
            return;
        }
        if (!listens(address)) {
            Optional<String> refused = address.probe();
            if (refused.isPresent()) {
                onFailure.accept(cannotListen(address, refused.get()));
                return;
            }
        }
        if (!address.isIn(current)) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>(address.mergeInto(current));
            merged.put(WRITTEN_BY_HOST, true);
            store.write(ListenAddress.PID, merged);
            logger.info("HTTP server listens on " + address.describe());
        }
        Thread watcher = new Thread(() -> awaitListening(address, onFailure), "backline-http-check");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Removes the HTTP configuration the host wrote, as the framework stops: ConfigAdmin keeps it across
     * launches, and at the next launch Jetty would bind its address before the host has read the
     * configuration (and before it can refuse to run).
     */
    void release() {
        // Without require.config, Felix HTTP answers a deleted configuration by starting again on its
        // framework properties, a server nobody stops any more; and nothing binds early there anyway.
        if (!"true".equals(context.getProperty(REQUIRE_CONFIG))) {
            return;
        }
        try {
            if (store.read(ListenAddress.PID).map(p -> p.containsKey(WRITTEN_BY_HOST)).orElse(false)) {
                store.delete(ListenAddress.PID);
            }
        } catch (RuntimeException e) {
            logger.warn("Could not remove the HTTP configuration: " + e.getMessage());
        }
    }

    private void awaitListening(ListenAddress address, Consumer<String> onFailure) {
        long deadline = System.nanoTime() + LISTEN_DEADLINE.toNanos();
        while (!listens(address)) {
            if (System.nanoTime() - deadline > 0) {
                onFailure.accept(cannotListen(address, "the HTTP server did not start listening within "
                        + LISTEN_DEADLINE.toSeconds() + " s; its log lines above say why"));
                return;
            }
            try {
                Thread.sleep(50); // polls a service property; the server gives no event for this
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String cannotListen(ListenAddress address, String why) {
        return "Cannot listen on " + address.describe() + " (backend.listen): " + why;
    }

    /** Whether the HTTP runtime reports an endpoint on the address's port. */
    boolean listens(ListenAddress address) {
        return endpoints().stream().anyMatch(endpoint -> endpoint.contains(":" + address.port() + "/"));
    }

    private List<String> endpoints() {
        try {
            ServiceReference<?>[] runtimes = context.getAllServiceReferences(RUNTIME_CLASS, null);
            if (runtimes == null) {
                return List.of();
            }
            return Arrays.stream(runtimes).flatMap(reference -> {
                Object value = reference.getProperty(ENDPOINT_PROPERTY);
                if (value instanceof String[] array) {
                    return Arrays.stream(array);
                }
                if (value instanceof java.util.Collection<?> collection) {
                    return collection.stream().map(String::valueOf);
                }
                return value == null ? java.util.stream.Stream.<String>empty() : java.util.stream.Stream.of(String.valueOf(value));
            }).toList();
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }
}
