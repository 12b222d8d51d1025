package dev.backline.runtime.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.Servlet;

import jakarta.servlet.ServletContext;

import dev.backline.runtime.wiring.BackendListener;
import dev.backline.runtime.wiring.BackendState;
import dev.backline.runtime.wiring.PluginState;
import dev.backline.plugin.api.services.LoggerService;

/**
 * Every route of a backend: each plugin's {@link PluginRoutes}, and root routes. Follows the backend's
 * state as a {@link BackendListener}: a plugin's requests are held while it starts or restarts, served
 * once it started, and refused when it failed, stopped or the backend shuts down.
 */
public final class RouteTable implements BackendListener {

    private final ConcurrentMap<String, PluginRoutes> plugins = new ConcurrentHashMap<>();
    private final List<Mount> rootRoutes = new ArrayList<>();
    private final Duration drainTimeout;
    private final LoggerService logger;
    private volatile boolean shuttingDown;
    /** The servlet context the dispatcher serves in, once it is initialised; REST resources start in it. */
    private volatile ServletContext servletContext;

    /**
     * @param drainTimeout how long a stopping plugin waits for its requests in flight
     * @param logger       where to report requests cut off by that wait
     */
    public RouteTable(Duration drainTimeout, LoggerService logger) {
        this.drainTimeout = drainTimeout;
        this.logger = logger;
    }

    /** The routes of a plugin, created on first use. */
    public PluginRoutes forPlugin(String pluginId) {
        return plugins.computeIfAbsent(pluginId, id -> new PluginRoutes(id, () -> servletContext));
    }

    /**
     * The servlet context the dispatcher was initialised in. From then on a plugin's REST resources are initialised
     * while it starts (a model Jersey rejects fails the start, and the first request does not pay for it).
     */
    void servletContext(ServletContext context) {
        this.servletContext = context;
    }

    /** The routes of a known plugin. */
    public Optional<PluginRoutes> plugin(String pluginId) {
        return Optional.ofNullable(plugins.get(pluginId));
    }

    /** Every plugin id with routes, for listings. */
    public List<String> pluginIds() {
        return plugins.keySet().stream().sorted().toList();
    }

    /**
     * Mounts a root route.
     *
     * @throws IllegalArgumentException when it overlaps an existing root route by prefix
     *                                  (case-insensitive), naming both paths
     */
    public void mountRoot(String path, Servlet servlet) {
        Mount mount = new Mount(path, servlet, "root route");
        if (mount.path().equals("/api") || mount.path().startsWith("/api/") || mount.path().startsWith("/.backstage/")) {
            throw new IllegalArgumentException("Root route '" + mount.path() + "' is reserved for plugins and health probes");
        }
        synchronized (rootRoutes) {
            for (Mount existing : rootRoutes) {
                if (existing.overlaps(mount)) {
                    throw new IllegalArgumentException("Root route '" + mount.path() + "' conflicts with the existing root route '"
                            + existing.path() + "'");
                }
            }
            rootRoutes.add(mount);
        }
    }

    /** The paths of the root routes, in mounting order. */
    public List<String> rootPaths() {
        synchronized (rootRoutes) {
            return rootRoutes.stream().map(Mount::path).toList();
        }
    }

    Optional<Mount> matchRoot(String path) {
        synchronized (rootRoutes) {
            return rootRoutes.stream().filter(m -> m.matches(path)).findFirst();
        }
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    @Override
    public void backendStateChanged(BackendState state) {
        // Plugins keep serving through the before-shutdown phase; each closes when it stops.
        shuttingDown = state == BackendState.STOPPING || state == BackendState.STOPPED;
    }

    @Override
    public void pluginStateChanged(String pluginId, PluginState state) {
        switch (state) {
            case STARTING -> forPlugin(pluginId).hold();
            case STARTED -> forPlugin(pluginId).serve();
            case FAILED -> forPlugin(pluginId).close("Service has not started up yet");
            case STOPPING -> drain(pluginId);
            case STOPPED -> forPlugin(pluginId).close(shuttingDown ? "Service is shutting down" : "Service is stopped");
            // Not installed (any more): its paths are those of an unknown plugin, 404.
            case WAITING, REMOVED -> plugins.remove(pluginId);
            default -> {
            }
        }
    }

    private void drain(String pluginId) {
        try {
            int cutOff = forPlugin(pluginId).drainAndClear(drainTimeout);
            if (cutOff > 0) {
                logger.warn("Plugin '" + pluginId + "' stopped with " + cutOff + " request(s) still in flight after "
                        + drainTimeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
