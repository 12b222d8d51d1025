package dev.backline.host.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.RootHealthService;
import dev.backline.plugin.api.services.RootHealthService.HealthCheckResult;

/**
 * Serves a backend over HTTP: the health probes, {@code /api/<pluginId>/...} (held while the plugin
 * starts, 503 when it cannot serve, 404 for an unknown plugin or path), and root routes. Failures become
 * JSON error bodies; 5xx are logged.
 */
public final class BackendDispatcherServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String LIVENESS = "/.backstage/health/v1/liveness";
    static final String READINESS = "/.backstage/health/v1/readiness";

    private final transient RouteTable table;
    private final transient Supplier<Optional<RootHealthService>> health;
    private final transient Supplier<Duration> startupPause;
    private final transient LoggerService logger;

    /**
     * @param health       the health service once root services exist
     * @param startupPause how long requests to a starting plugin are held
     *                     ({@code backend.lifecycle.startupRequestPauseTimeout})
     */
    public BackendDispatcherServlet(RouteTable table, Supplier<Optional<RootHealthService>> health,
            Supplier<Duration> startupPause, LoggerService logger) {
        this.table = table;
        this.health = health;
        this.startupPause = startupPause;
        this.logger = logger;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = pathOf(request);
        try {
            if (path.equals(LIVENESS) || path.equals(READINESS)) {
                serveHealth(path, response);
            } else if (path.equals("/api") || path.startsWith("/api/")) {
                servePlugin(request, response, path.substring("/api".length()));
            } else {
                serveRoot(request, response, path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ErrorResponses.writeError(request, response, 503, "ServiceUnavailableError", "Request interrupted");
        }
    }

    private void serveHealth(String path, HttpServletResponse response) throws IOException {
        Optional<RootHealthService> service = health.get();
        HealthCheckResult result;
        if (path.equals(LIVENESS)) {
            result = service.map(RootHealthService::getLiveness)
                    .orElseGet(() -> new HealthCheckResult(200, java.util.Map.of("status", "ok")));
        } else {
            result = service.map(RootHealthService::getReadiness)
                    .orElseGet(() -> new HealthCheckResult(503,
                            java.util.Map.of("status", "error", "message", "Backend has not started yet")));
        }
        ErrorResponses.writeJson(response, result.status(), result.payload());
    }

    private void servePlugin(HttpServletRequest request, HttpServletResponse response, String rest)
            throws IOException, InterruptedException {
        int slash = rest.indexOf('/', 1);
        String pluginId = rest.length() <= 1 ? "" : rest.substring(1, slash < 0 ? rest.length() : slash);
        String within = slash < 0 ? "/" : rest.substring(slash);
        Optional<PluginRoutes> found = pluginId.isEmpty() ? Optional.empty() : table.plugin(pluginId);
        if (found.isEmpty()) {
            ErrorResponses.writeError(request, response, 404, "NotFoundError", "No plugin '" + pluginId + "' is installed");
            return;
        }
        PluginRoutes routes = found.get();
        Optional<String> refused = routes.enter(startupPause.get());
        if (refused.isPresent()) {
            ErrorResponses.writeError(request, response, 503, "ServiceUnavailableError", refused.get());
            return;
        }
        try {
            Optional<Mount> mount = routes.match(within);
            if (mount.isEmpty()) {
                ErrorResponses.writeError(request, response, 404, "NotFoundError",
                        "No handler for " + request.getMethod() + " " + request.getRequestURI());
                return;
            }
            dispatch(request, response, mount.get(), request.getContextPath() + "/api/" + pluginId, within, pluginId);
        } finally {
            routes.leave();
        }
    }

    private void serveRoot(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        Optional<Mount> mount = table.matchRoot(path);
        if (mount.isEmpty()) {
            ErrorResponses.writeError(request, response, 404, "NotFoundError",
                    "No handler for " + request.getMethod() + " " + request.getRequestURI());
            return;
        }
        dispatch(request, response, mount.get(), request.getContextPath(), path, null);
    }

    private void dispatch(HttpServletRequest request, HttpServletResponse response, Mount mount, String contextPath,
            String path, String pluginId) throws IOException {
        String servletPath = mount.path().equals("/") ? "" : mount.path();
        String pathInfo = path.length() > servletPath.length() ? path.substring(servletPath.length()) : null;
        HttpServletRequest mounted = new HttpServletRequestWrapper(request) {
            @Override
            public String getContextPath() {
                return contextPath;
            }

            @Override
            public String getServletPath() {
                return servletPath;
            }

            @Override
            public String getPathInfo() {
                return pathInfo;
            }
        };
        try {
            // Outside a container (tests, some embedders) the dispatcher was never initialised.
            mount.servlet(getServletConfig() == null ? null : getServletContext()).service(mounted, response);
        } catch (Exception | LinkageError e) {
            Throwable error = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            int status = dev.backline.plugin.api.errors.BackendError.statusCodeOf(error);
            if (status >= 500) {
                logger.error("Request " + request.getMethod() + " " + request.getRequestURI() + " failed"
                        + (pluginId == null ? "" : " in plugin '" + pluginId + "'"), error);
            }
            if (!response.isCommitted()) {
                ErrorResponses.writeError(request, response, error);
            }
        }
    }

    /** The request path below the servlet context, undecoded. */
    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.isEmpty() ? "/" : path;
    }
}
