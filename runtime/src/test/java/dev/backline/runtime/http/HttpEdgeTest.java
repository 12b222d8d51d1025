package dev.backline.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;

/** What the dispatcher applies before routing: TRACE refused, CORS as configured, the request body limit. */
class HttpEdgeTest {

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    /** Reads the whole body and answers its length. */
    private static final HttpServlet COUNTING = new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = req.getInputStream().readAllBytes();
            resp.getOutputStream().write(String.valueOf(body.length).getBytes(StandardCharsets.UTF_8));
        }
    };

    /** Answers its parameters: a=<first a>;b=<how many b>. */
    private static final HttpServlet FORM = new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String[] b = req.getParameterValues("b");
            resp.getOutputStream().write(("a=" + req.getParameter("a") + ";b=" + (b == null ? 0 : b.length))
                    .getBytes(StandardCharsets.UTF_8));
        }
    };

    private void start(Map<String, Object> backendConfig) {
        backend = Backend.builder().logger(logger)
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("backend", backendConfig), "test")))
                .add(BackendPlugin.create("upload", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/", COUNTING);
                    deps.get(CoreServices.HTTP_ROUTER).use("/form", FORM);
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                })))
                .build();
        backend.start();
    }

    private HttpDoubles.Response send(String method, String uri, Map<String, String> headers, byte[] body) throws Exception {
        HttpDoubles.Response response = new HttpDoubles.Response();
        backend.httpDispatcher().service(HttpDoubles.request(method, uri, headers, body), response.proxy);
        return response;
    }

    @Test
    void traceIsRefused() throws Exception {
        start(Map.of());
        HttpDoubles.Response trace = send("TRACE", "/api/upload/x", Map.of("Authorization", "Bearer secret"), null);
        assertEquals(405, trace.status);
        assertEquals("MethodNotAllowedError", ((Map<?, ?>) trace.json().get("error")).get("name"));
        assertFalse(trace.text().contains("secret"), "nothing of the request is echoed");
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        start(Map.of("server", Map.of("maxBodySize", "1kb")));
        byte[] small = new byte[1000];
        byte[] large = new byte[1025];

        assertEquals("1000", send("POST", "/api/upload/x", Map.of(), small).text());
        HttpDoubles.Response declared = send("POST", "/api/upload/x", Map.of(), large);
        assertEquals(413, declared.status);
        assertEquals(Map.of("name", "PayloadTooLargeError",
                "message", "The request body is larger than 1024 bytes (backend.server.maxBodySize)"), declared.json().get("error"));
        HttpDoubles.Response chunked = send("POST", "/api/upload/x", Map.of("Transfer-Encoding", "chunked"), large);
        assertEquals(413, chunked.status, "a body without a declared length stops being read at the limit");
        assertEquals("PayloadTooLargeError", ((Map<?, ?>) chunked.json().get("error")).get("name"));
    }

    @Test
    void aFormPostKeepsItsParametersOnceTheBodyHasBeenReadAhead() throws Exception {
        start(Map.of());
        HttpDoubles.Response form = send("POST", "/api/upload/form?b=1", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "a=x%20y&b=2&b=3".getBytes(StandardCharsets.UTF_8));
        assertEquals("a=x y;b=3", form.text(), "query and form parameters, decoded");
    }

    @Test
    void aBodyForAPluginThatIsNotInstalledIsNotReadAtAll() throws Exception {
        start(Map.of());
        HttpDoubles.Response missing = send("POST", "/api/nowhere/x", Map.of(), new byte[10]);
        assertEquals(404, missing.status);
        assertEquals("No plugin 'nowhere' is installed", ((Map<?, ?>) missing.json().get("error")).get("message"));
    }

    @Test
    void aRequestBodyTimeoutOfZeroIsRefusedNamingTheKey() {
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> HttpEdgeSettings.from(new DefaultRootConfigService(ConfigReader.of(
                        Map.of("backend", Map.of("server", Map.of("requestBodyTimeout", "0s"))), "test"))),
                "backend.server.requestBodyTimeout");
        RuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> HttpEdgeSettings.from(new DefaultRootConfigService(ConfigReader.of(
                        Map.of("backend", Map.of("server", Map.of("requestBodyTimeout", "soon"))), "test"))));
        assertTrue(error.getMessage().contains("backend.server.requestBodyTimeout"), error.getMessage());
    }

    @Test
    void withoutCorsConfigurationNoOriginIsAllowed() throws Exception {
        start(Map.of());
        HttpDoubles.Response preflight = send("OPTIONS", "/api/upload/x", Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), null);
        assertEquals(403, preflight.status);
        assertNull(preflight.headers.get("Access-Control-Allow-Origin"));
        HttpDoubles.Response simple = send("GET", "/api/upload/x", Map.of("Origin", "https://evil.example"), null);
        assertNull(simple.headers.get("Access-Control-Allow-Origin"), "the browser keeps the page from reading it");
    }

    @Test
    void configuredOriginsArePreflightedAndAnswered() throws Exception {
        start(Map.of("cors", Map.of("origin", List.of("http://localhost:3000", "https://*.example.com"),
                "methods", List.of("GET", "POST"), "credentials", true, "maxAge", 600)));

        HttpDoubles.Response preflight = send("OPTIONS", "/api/upload/x", Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"), null);
        assertEquals(204, preflight.status);
        assertEquals("https://app.example.com", preflight.headers.get("Access-Control-Allow-Origin"));
        assertEquals("GET,POST", preflight.headers.get("Access-Control-Allow-Methods"));
        assertEquals("authorization,content-type", preflight.headers.get("Access-Control-Allow-Headers"));
        assertEquals("true", preflight.headers.get("Access-Control-Allow-Credentials"));
        assertEquals("600", preflight.headers.get("Access-Control-Max-Age"));

        HttpDoubles.Response simple = send("GET", "/api/upload/x", Map.of("Origin", "http://localhost:3000"), null);
        assertEquals("http://localhost:3000", simple.headers.get("Access-Control-Allow-Origin"));
        assertTrue(simple.headers.get("Vary").contains("Origin"));
        assertNull(send("GET", "/api/upload/x", Map.of("Origin", "https://example.com.evil.net"), null)
                .headers.get("Access-Control-Allow-Origin"), "a wildcard matches one host name label only");
        assertNull(send("GET", "/api/upload/x", Map.of("Origin", "https://a.b.example.com"), null)
                .headers.get("Access-Control-Allow-Origin"));
    }
}
