package dev.backline.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.wiring.PluginState;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.LogLevel;

/** Spec §7 through the dispatcher: layout, health, held requests, 404/503, JSON errors, restarts. */
class BackendHttpTest {

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    /** Answers "<name> servletPath=<s> pathInfo=<p> context=<c>". */
    private static HttpServlet echo(String name) {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(200);
                resp.getOutputStream().write((name + " servletPath=" + req.getServletPath() + " pathInfo=" + req.getPathInfo()
                        + " context=" + req.getContextPath()).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private HttpDoubles.Response get(String uri) throws Exception {
        HttpDoubles.Response response = new HttpDoubles.Response();
        backend.httpDispatcher().service(HttpDoubles.request("GET", uri), response.proxy);
        return response;
    }

    /** Routing without the credentials barrier (PluginAuthTest covers it): its default-deny turned off. */
    private Backend.Builder builder(Map<String, ?> config) {
        Map<String, Object> open = new java.util.LinkedHashMap<>(config);
        open.put("backend", merged(config.get("backend"), Map.of("auth", Map.of("dangerouslyDisableDefaultAuthPolicy", true))));
        return Backend.builder().logger(logger)
                .config(new DefaultRootConfigService(ConfigReader.of(open, "test")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Object backend, Map<String, Object> extra) {
        Map<String, Object> result = new java.util.LinkedHashMap<>(extra);
        if (backend instanceof Map<?, ?> existing) {
            result.putAll((Map<String, Object>) existing);
        }
        return result;
    }

    private static final BackendPlugin EXAMPLE = BackendPlugin.create("example",
            env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> deps.get(CoreServices.HTTP_ROUTER)
                    .use("/hello", echo("hello"))));

    private static final BackendModule VALIDATORS = BackendModule.create("example", "custom-processor",
            env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> deps.get(CoreServices.HTTP_ROUTER)
                    .use("/modules/custom-processor/v1/validators", echo("validators"))));

    @Test
    void pluginAndModuleRoutesAreMountedUnderApiPluginId() throws Exception {
        backend = builder(Map.of()).add(EXAMPLE).add(VALIDATORS).build();
        backend.start();
        HttpDoubles.Response hello = get("/api/example/hello/world");
        assertEquals(200, hello.status);
        assertEquals("hello servletPath=/hello pathInfo=/world context=/api/example", hello.text());
        HttpDoubles.Response validators = get("/api/example/modules/custom-processor/v1/validators");
        assertEquals("validators servletPath=/modules/custom-processor/v1/validators pathInfo=null context=/api/example",
                validators.text());
        assertEquals(List.of("/modules/custom-processor/v1/validators", "/hello"),
                backend.routes().plugin("example").orElseThrow().paths());
    }

    @Test
    void unknownPluginsAndPathsAre404WithBackstageErrorBodies() throws Exception {
        backend = builder(Map.of()).add(EXAMPLE).build();
        backend.start();
        HttpDoubles.Response unknown = get("/api/nope/x?y=1");
        assertEquals(404, unknown.status);
        assertEquals("application/json", unknown.contentType);
        assertEquals(Map.of("error", Map.of("name", "NotFoundError", "message", "No plugin 'nope' is installed"),
                "request", Map.of("method", "GET", "url", "/api/nope/x?y=1"),
                "response", Map.of("statusCode", 404)), unknown.json());
        assertEquals(404, get("/api/example/missing").status);
        assertEquals(404, get("/elsewhere").status);
    }

    @Test
    void healthProbesFollowTheBackendLifecycle() throws Exception {
        backend = builder(Map.of()).add(EXAMPLE).build();
        assertEquals(200, get("/.backstage/health/v1/liveness").status);
        assertEquals(503, get("/.backstage/health/v1/readiness").status);
        backend.start();
        HttpDoubles.Response ready = get("/.backstage/health/v1/readiness");
        assertEquals(200, ready.status);
        assertEquals(Map.of("status", "ok"), ready.json());
        assertEquals(Map.of("status", "ok"), get("/.backstage/health/v1/liveness").json());
        backend.stop();
        HttpDoubles.Response stopped = get("/.backstage/health/v1/readiness");
        assertEquals(503, stopped.status);
        assertEquals(Map.of("status", "error", "message", "Backend is shutting down"), stopped.json());
        assertEquals(503, get("/api/example/hello").status, "after shutdown plugin routes are 503");
    }

    @Test
    void errorsThrownByHandlersBecomeJsonWithTheirStatusAnd5xxAreLogged() throws Exception {
        backend = builder(Map.of()).add(BackendPlugin.create("errors", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/missing", new HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void service(HttpServletRequest req, HttpServletResponse resp) {
                            throw new NotFoundError("no such entity");
                        }
                    });
                    deps.get(CoreServices.HTTP_ROUTER).use("/broken", new HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void service(HttpServletRequest req, HttpServletResponse resp) {
                            throw new IllegalStateException("kaputt: jdbc:postgresql://db/secrets");
                        }
                    });
                }))).build();
        backend.start();
        HttpDoubles.Response notFound = get("/api/errors/missing");
        assertEquals(404, notFound.status);
        assertEquals(Map.of("name", "NotFoundError", "message", "no such entity"), notFound.json().get("error"));
        HttpDoubles.Response broken = get("/api/errors/broken");
        assertEquals(500, broken.status);
        // Outside development mode an unexpected exception's text stays in the log: it may describe the server.
        org.junit.jupiter.api.Assumptions.assumeFalse(ErrorResponses.DEVELOPMENT, "NODE_ENV=development shows it");
        assertEquals(Map.of("name", "IllegalStateException", "message", "Internal Server Error"), broken.json().get("error"));
        assertTrue(logger.lines(LogLevel.ERROR).stream().anyMatch(l -> l.error() != null
                && "kaputt: jdbc:postgresql://db/secrets".equals(l.error().getMessage())), "the log has the exception");
        assertTrue(logger.lines(LogLevel.ERROR).stream().anyMatch(l ->
                l.message().equals("Request GET /api/errors/broken failed in plugin 'errors'")), logger.messages().toString());
        assertTrue(logger.lines(LogLevel.ERROR).stream().noneMatch(l -> l.message().contains("/missing")),
                "4xx are not logged as errors");
    }

    @Test
    void aFailedPluginAnswers503WhileOthersServe() throws Exception {
        backend = builder(Map.of("backend", Map.of("startup", Map.of("default", Map.of("onPluginBootFailure", "continue")))))
                .add(EXAMPLE)
                .add(BackendPlugin.create("broken", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/x", echo("x"));
                    throw new IllegalStateException("no");
                })))
                .build();
        backend.start();
        HttpDoubles.Response broken = get("/api/broken/x");
        assertEquals(503, broken.status);
        assertEquals(Map.of("name", "ServiceUnavailableError", "message", "Service has not started up yet"),
                broken.json().get("error"));
        assertEquals(200, get("/api/example/hello").status);
    }

    @Test
    void requestsToAStartingPluginAreHeldUntilItServes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        backend = builder(Map.of()).add(BackendPlugin.create("slow", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/", echo("slow"));
                    release.await(5, TimeUnit.SECONDS);
                }))).build();
        CompletableFuture<Void> start = CompletableFuture.runAsync(backend::start);
        waitFor(() -> backend.routes().plugin("slow").isPresent());
        CompletableFuture<HttpDoubles.Response> held = CompletableFuture.supplyAsync(getUnchecked("/api/slow/any"));
        Thread.sleep(200); // the request must still be waiting, not answered 404/503
        assertTrue(!held.isDone(), "request is held while the plugin starts");
        release.countDown();
        start.get(5, TimeUnit.SECONDS);
        assertEquals(200, held.get(5, TimeUnit.SECONDS).status);
    }

    @Test
    void aHeldRequestGets503AfterTheStartupPauseTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        backend = builder(Map.of("backend", Map.of("lifecycle", Map.of("startupRequestPauseTimeout", "100ms"))))
                .add(BackendPlugin.create("stuck", env -> env.registerInit(List.of(), deps -> release.await(5, TimeUnit.SECONDS))))
                .build();
        CompletableFuture<Void> start = CompletableFuture.runAsync(backend::start);
        try {
            waitFor(() -> backend.routes().plugin("stuck").isPresent());
            long before = System.nanoTime();
            HttpDoubles.Response response = get("/api/stuck/x");
            assertEquals(503, response.status);
            assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(90));
        } finally {
            release.countDown();
            start.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRestartLetsRequestsInFlightFinishAndHoldsNewOnesUntilTheNewStartServes() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch finishHandler = new CountDownLatch(1);
        backend = builder(Map.of()).add(EXAMPLE).add(BackendPlugin.create("busy", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> deps.get(CoreServices.HTTP_ROUTER).use("/", new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        if (req.getPathInfo().equals("/slow")) {
                            inHandler.countDown();
                            try {
                                finishHandler.await(5, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        resp.getOutputStream().write("done".getBytes(StandardCharsets.UTF_8));
                    }
                })))).build();
        backend.start();
        CompletableFuture<HttpDoubles.Response> inFlight = CompletableFuture.supplyAsync(getUnchecked("/api/busy/slow"));
        assertTrue(inHandler.await(5, TimeUnit.SECONDS));
        CompletableFuture<?> restart = CompletableFuture.runAsync(() -> backend.initializer().restartPlugin("busy"));
        Thread.sleep(100); // a window in which the restart could wrongly finish before the request does
        assertTrue(!restart.isDone(), "the restart waits for the request in flight");
        CompletableFuture<HttpDoubles.Response> during = CompletableFuture.supplyAsync(getUnchecked("/api/busy/fast"));
        assertEquals(200, get("/api/example/hello").status, "other plugins keep serving");
        finishHandler.countDown();
        assertEquals("done", inFlight.get(5, TimeUnit.SECONDS).text());
        restart.get(5, TimeUnit.SECONDS);
        assertEquals(200, during.get(5, TimeUnit.SECONDS).status, "a request during the restart is held, then served");
    }

    @Test
    void aStoppedPluginAnswers503() throws Exception {
        backend = builder(Map.of()).add(EXAMPLE).build();
        backend.start();
        backend.initializer().stopPlugin("example");
        HttpDoubles.Response response = get("/api/example/hello");
        assertEquals(503, response.status);
        assertEquals("Service is stopped", ((Map<?, ?>) response.json().get("error")).get("message"));
        backend.initializer().startPlugin("example");
        assertEquals(PluginState.STARTED, backend.initializer().plugins().get(0).state());
        assertEquals(200, get("/api/example/hello").status);
    }

    @Test
    void aPluginRemovedWithAllItsModulesIsUnknown() throws Exception {
        backend = builder(Map.of()).add(EXAMPLE).add(VALIDATORS).build();
        backend.start();

        backend.initializer().remove(EXAMPLE);
        backend.initializer().restartPlugin("example");
        assertEquals(404, get("/api/example/hello").status, "a module waits: the plugin is not installed");

        backend.initializer().remove(VALIDATORS);
        backend.initializer().restartPlugin("example");
        HttpDoubles.Response response = get("/api/example/hello");
        assertEquals(404, response.status, "nothing of the plugin is left: unknown, not stopped");
        assertEquals("No plugin 'example' is installed", ((Map<?, ?>) response.json().get("error")).get("message"));
        assertEquals(List.of(), backend.initializer().plugins());
    }

    @Test
    void rootRoutesThatOverlapByPrefixAreRejectedCaseInsensitively() throws Exception {
        backend = builder(Map.of()).add(BackendPlugin.create("rooted", env -> env.registerInit(
                List.of(CoreServices.ROOT_HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.ROOT_HTTP_ROUTER).use("/a", echo("a"));
                    deps.get(CoreServices.ROOT_HTTP_ROUTER).use("/aa", echo("aa"));
                }))).build();
        backend.start();
        RouteTable table = backend.routes();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> table.mountRoot("/A/b", echo("x")));
        assertEquals("Root route '/A/b' conflicts with the existing root route '/a'", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.mountRoot("/api/x", echo("x")));
        assertEquals("a servletPath=/a pathInfo=/x context=", get("/a/x").text());
        assertEquals("aa servletPath=/aa pathInfo=null context=", get("/aa").text());
    }

    private java.util.function.Supplier<HttpDoubles.Response> getUnchecked(String uri) {
        return () -> {
            try {
                return get(uri);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
