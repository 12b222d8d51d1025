package dev.backline.runtime.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import dev.backline.plugin.api.services.HttpAuthPolicy;

/**
 * One plugin's routes and its gate: requests are held while the plugin starts or restarts, served once
 * it has started, refused (503) when it failed or stopped. Counts requests in flight so the plugin's
 * servlets are only torn down once those have finished (or a bounded wait has passed).
 */
public final class PluginRoutes {

    /** Whether requests get through. */
    enum Gate { HOLD, SERVE, CLOSED }

    private final String pluginId;
    private final Supplier<ServletContext> servletContext;
    private final List<Mount> mounts = new CopyOnWriteArrayList<>();
    private final List<HttpAuthPolicy> authPolicies = new CopyOnWriteArrayList<>();
    private Gate gate = Gate.HOLD;
    private String closedReason = "Service has not started up yet";
    private int inFlight;

    PluginRoutes(String pluginId, Supplier<ServletContext> servletContext) {
        this.pluginId = pluginId;
        this.servletContext = servletContext;
    }

    public String pluginId() {
        return pluginId;
    }

    /**
     * Mounts a servlet at a path relative to the plugin.
     *
     * @throws IllegalArgumentException when the path is already mounted, naming plugin and path
     */
    void mount(String path, Servlet servlet) {
        mount(path, servlet, List.of());
    }

    /** Mounts a servlet that serves {@code routes} (relative to {@code path}; listed by {@link #paths()}). */
    void mount(String path, Servlet servlet, List<String> routes) {
        mount(new Mount(path, servlet, "plugin '" + pluginId + "'", routes));
    }

    /**
     * Mounts REST resources and, when the dispatcher's servlet context exists, initialises them now, on the plugin's
     * starting thread: a model Jersey rejects fails the plugin's start, naming it, instead of its first request.
     *
     * @throws IllegalArgumentException when the path is already mounted, or the resources cannot be initialised
     */
    void mountResources(String path, Servlet servlet, List<String> routes) {
        Mount mount = new Mount(path, servlet, "plugin '" + pluginId + "'", routes);
        ServletContext context = servletContext.get();
        if (context != null) {
            try {
                mount.servlet(context);
            } catch (ServletException | RuntimeException e) {
                mount.destroy();
                Throwable cause = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
                throw new IllegalArgumentException("Plugin '" + pluginId + "' has REST resources at '" + mount.path()
                        + "' that cannot start: " + cause.getMessage(), cause);
            }
        }
        mount(mount);
    }

    private void mount(Mount mount) {
        synchronized (mounts) {
            if (mounts.stream().anyMatch(m -> m.path().equals(mount.path()))) {
                throw new IllegalArgumentException("Plugin '" + pluginId + "' already has a handler at '" + mount.path() + "'");
            }
            mounts.add(mount);
            mounts.sort(Comparator.comparingInt((Mount m) -> m.path().length()).reversed());
        }
    }

    void addAuthPolicy(HttpAuthPolicy policy) {
        authPolicies.add(policy);
    }

    /** The routes served: each mounted servlet's path, and each path of mounted REST resources. */
    public List<String> paths() {
        return mounts.stream().flatMap(m -> m.routes().stream()).distinct().toList();
    }

    List<HttpAuthPolicy> authPolicies() {
        return List.copyOf(authPolicies);
    }

    /** The mount serving a path relative to the plugin, the longest matching one. */
    Optional<Mount> match(String path) {
        return mounts.stream().filter(m -> m.matches(path)).findFirst();
    }

    /** Whether requests are let through now (its routes and auth policies are complete). */
    synchronized boolean serving() {
        return gate == Gate.SERVE;
    }

    synchronized void hold() {
        gate = Gate.HOLD;
        notifyAll();
    }

    synchronized void serve() {
        gate = Gate.SERVE;
        notifyAll();
    }

    synchronized void close(String reason) {
        gate = Gate.CLOSED;
        closedReason = reason;
        notifyAll();
    }

    /**
     * Waits while requests are held, at most {@code timeout}, and lets the request in when the plugin
     * serves: the caller must call {@link #leave()} afterwards.
     *
     * @return empty when admitted, otherwise the reason for a 503
     */
    synchronized Optional<String> enter(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (gate == Gate.HOLD) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.of("Service has not started up yet");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (gate == Gate.CLOSED) {
            return Optional.of(closedReason);
        }
        inFlight++;
        return Optional.empty();
    }

    synchronized void leave() {
        inFlight--;
        notifyAll();
    }

    /**
     * Holds new requests, waits up to {@code timeout} for those in flight, then destroys and forgets every
     * servlet and auth policy (the plugin's next start mounts its handlers again).
     *
     * @return how many requests were still in flight when the wait ended
     */
    int drainAndClear(Duration timeout) throws InterruptedException {
        int remaining;
        synchronized (this) {
            if (gate == Gate.SERVE) {
                gate = Gate.HOLD;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            remaining = inFlight;
        }
        List<Mount> old;
        synchronized (mounts) {
            old = new ArrayList<>(mounts);
            mounts.clear();
        }
        authPolicies.clear();
        old.forEach(Mount::destroy);
        return remaining;
    }
}
