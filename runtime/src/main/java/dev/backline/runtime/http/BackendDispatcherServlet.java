package dev.backline.runtime.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.services.AuthService;
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

    /** Where each plugin publishes the keys that verify its tokens; open to anyone, as in Backstage. */
    static final String JWKS_PATH = "/.backstage/auth/v1/jwks.json";
    /** TRACE echoes the request, headers with credentials included; nothing here needs it, or CONNECT. */
    private static final java.util.Set<String> REFUSED_METHODS = java.util.Set.of("TRACE", "TRACK", "CONNECT");

    private final transient RouteTable table;
    private final transient Supplier<Optional<RootHealthService>> health;
    private final transient Supplier<Duration> startupPause;
    private final transient CredentialsBarrier barrier;
    private final transient Supplier<HttpEdgeSettings> edge;
    private final transient Function<String, Optional<AuthService>> auth;
    private final transient LoggerService logger;
    private transient java.util.concurrent.ScheduledExecutorService timer;

    /**
     * @param health       the health service once root services exist
     * @param startupPause how long requests to a starting plugin are held
     *                     ({@code backend.lifecycle.startupRequestPauseTimeout})
     * @param edge         CORS and the body size limit, applied to every request
     * @param barrier      default-deny in front of every plugin route
     * @param auth         the {@code core.auth} of a plugin, by plugin id, for its public keys
     */
    public BackendDispatcherServlet(RouteTable table, Supplier<Optional<RootHealthService>> health,
            Supplier<Duration> startupPause, Supplier<HttpEdgeSettings> edge, CredentialsBarrier barrier,
            Function<String, Optional<AuthService>> auth, LoggerService logger) {
        this.table = table;
        this.health = health;
        this.startupPause = startupPause;
        this.edge = edge;
        this.barrier = barrier;
        this.auth = auth;
        this.logger = logger;
    }

    @Override
    public void init() throws ServletException {
        table.servletContext(getServletContext());
    }

    @Override
    protected void service(HttpServletRequest original, HttpServletResponse response) throws IOException {
        String path = pathOf(original);
        Optional<String> hostile = RequestPaths.refusal(path);
        if (hostile.isPresent()) {
            ErrorResponses.writeError(original, response, 400, "InputError", "Invalid request path: " + hostile.get());
            return;
        }
        if (REFUSED_METHODS.contains(original.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            ErrorResponses.writeError(original, response, 405, "MethodNotAllowedError",
                    "Method " + original.getMethod() + " is not allowed");
            return;
        }
        HttpEdgeSettings settings = edge.get();
        boolean allowedOrigin = settings.cors().apply(original, response);
        if (CorsPolicy.isPreflight(original)) {
            if (allowedOrigin) {
                response.setStatus(204);
            } else {
                ErrorResponses.writeError(original, response, 403, "NotAllowedError",
                        "Origin " + original.getHeader("Origin") + " is not allowed (backend.cors)");
            }
            return;
        }
        if (BodyReader.hasBody(original) && original.isAsyncSupported()) {
            if (original.getContentLengthLong() > settings.maxBodySize()) {
                response.setHeader("Connection", "close");
                ErrorResponses.writeError(original, response, RequestBodyLimit.tooLarge(settings.maxBodySize()));
                return;
            }
            if (!refusedBeforeBody(original, response, path)) {
                BodyReader.readThen(original, response, settings.maxBodySize(), settings.requestBodyTimeout(), timer(),
                        logger, (request, answer) -> route(request, answer, path));
            }
            return;
        }
        // Without async support (embedded in a container that lacks it, or a test double): read while handling.
        HttpServletRequest request;
        try {
            request = RequestBodyLimit.limit(original, settings.maxBodySize());
        } catch (BackendError tooLarge) {
            ErrorResponses.writeError(original, response, tooLarge);
            return;
        }
        route(request, response, path);
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
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

    /**
     * Answers now what would be refused anyway once the body is in, so that no body is buffered for it: a
     * request to a plugin that is not installed, or without valid credentials for a serving plugin's protected
     * path. A starting plugin's policies may still be incomplete; its requests are checked after the body.
     *
     * @return whether the request was answered
     */
    private boolean refusedBeforeBody(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        if (!path.startsWith("/api/")) {
            return false;
        }
        String rest = path.substring("/api".length());
        int slash = rest.indexOf('/', 1);
        String pluginId = rest.substring(1, slash < 0 ? rest.length() : slash);
        String within = slash < 0 ? "/" : rest.substring(slash);
        Optional<PluginRoutes> routes = pluginId.isEmpty() ? Optional.empty() : table.plugin(pluginId);
        if (routes.isEmpty()) {
            ErrorResponses.writeError(request, response, 404, "NotFoundError", "No plugin '" + pluginId + "' is installed");
            return true;
        }
        if (routes.get().serving()) {
            try {
                barrier.check(pluginId, request, within, routes.get().authPolicies());
            } catch (BackendError denied) {
                ErrorResponses.writeError(request, response, denied);
                return true;
            }
        }
        return false;
    }

    /** Fires the body reading deadlines; made on the first body. */
    private synchronized java.util.concurrent.ScheduledExecutorService timer() {
        if (timer == null) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "backline-request-body-deadlines");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timer;
    }

    @Override
    public synchronized void destroy() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        super.destroy();
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
            if (within.equals(JWKS_PATH) && "GET".equals(request.getMethod())) {
                servePublicKeys(request, response, pluginId);
                return;
            }
            barrier.check(pluginId, request, within, routes.authPolicies());
            Optional<Mount> mount = routes.match(within);
            if (mount.isEmpty()) {
                ErrorResponses.writeError(request, response, 404, "NotFoundError",
                        "No handler for " + request.getMethod() + " " + request.getRequestURI());
                return;
            }
            dispatch(request, response, mount.get(), request.getContextPath() + "/api/" + pluginId, within, pluginId);
        } catch (BackendError denied) {
            ErrorResponses.writeError(request, response, denied);
        } finally {
            routes.leave();
        }
    }

    private void servePublicKeys(HttpServletRequest request, HttpServletResponse response, String pluginId) throws IOException {
        Optional<AuthService> plugin = auth.apply(pluginId);
        if (plugin.isEmpty()) {
            ErrorResponses.writeError(request, response, 404, "NotFoundError",
                    "Plugin '" + pluginId + "' has no authentication service, so it publishes no keys");
            return;
        }
        ErrorResponses.writeJson(response, 200, java.util.Map.of("keys", plugin.get().listPublicServiceKeys()));
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
            Throwable error = ErrorResponses.effective(e);
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
