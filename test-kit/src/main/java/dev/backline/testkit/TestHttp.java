package dev.backline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real HTTP against a {@link TestBackend}: {@code http.get("/api/todo/todos")}. Without credentials by default;
 * {@link #as} gives a client that sends a {@link MockCredentials} token.
 */
public final class TestHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI base;
    private final Map<String, String> headers;

    TestHttp(HttpClient client, URI base, Map<String, String> headers) {
        this.client = client;
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** A client that sends {@code Authorization: Bearer <token>}, e.g. {@code as(MockCredentials.user())}. */
    public TestHttp as(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    /** A client that sends this header with every request too. */
    public TestHttp withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new TestHttp(client, base, more);
    }

    public TestResponse get(String path) {
        return send("GET", path, null, null);
    }

    public TestResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** POSTs {@code body} as JSON (written by Jackson; a String is sent as it is). */
    public TestResponse post(String path, Object body) {
        return send("POST", path, "application/json", json(body));
    }

    /** PUTs {@code body} as JSON (written by Jackson; a String is sent as it is). */
    public TestResponse put(String path, Object body) {
        return send("PUT", path, "application/json", json(body));
    }

    /** Any request; {@code contentType} and {@code body} may be null. */
    public TestResponse send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestResponse(method, path, response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
    }

    private static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body as JSON: " + body, e);
        }
    }
}
