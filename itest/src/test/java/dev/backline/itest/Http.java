package dev.backline.itest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP against the backend on 127.0.0.1:{@link BacklineOptions#PORT}. */
public final class Http {

    public static final String LIVENESS = "/.backstage/health/v1/liveness";
    public static final String READINESS = "/.backstage/health/v1/readiness";

    /**
     * The static token of the tests' external caller (subject {@code itest}), configured under
     * {@code backend.auth.externalAccess} in the tests' {@code app-config.yaml} and in every launched backend's.
     */
    public static final String TOKEN = "itest-static-token-0123456789abcdef";

    /** Status of a {@link Response} when the connection was refused. */
    public static final int REFUSED = -1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    /**
     * GETs a path. A refused connection is a response with status {@link #REFUSED}; any other I/O
     * failure is thrown. Requests to a starting plugin are held by the host for up to 5 s, hence the
     * 10 s request timeout.
     */
    public static Response get(String path) {
        return get(BacklineOptions.PORT, path);
    }

    /** GETs a path of a backend on another port (a launched jar). */
    public static Response get(int port, String path) {
        return send(path, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
    }

    /** GETs a path as the tests' external caller ({@link #TOKEN}); failures as for {@link #get}. */
    public static Response getAuthorized(String path) {
        return send(BacklineOptions.PORT, "GET", path, java.util.Map.of("Authorization", "Bearer " + TOKEN), null);
    }

    /** POSTs a JSON body to a path as the tests' external caller ({@link #TOKEN}); failures as for {@link #get}. */
    public static Response post(String path, String json) {
        return post(BacklineOptions.PORT, path, json);
    }

    /** POSTs a JSON body to a path of a backend on another port, as the tests' external caller. */
    public static Response post(int port, String path, String json) {
        return send(port, "POST", path, java.util.Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), json);
    }

    /**
     * Any request: method, path (sent as given, not normalised), headers and an optional body. Failures as
     * for {@link #get}.
     */
    public static Response send(int port, String method, String path, java.util.Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(path, builder.build());
    }

    private static Response send(String path, HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(path, response.statusCode(), response.body());
        } catch (ConnectException e) {
            return new Response(path, REFUSED, "connection refused: " + e);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + path, e);
        }
    }

    /** A status and body, with the body parsed as JSON on demand. */
    public record Response(String path, int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("GET " + path + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }

        /** Whether the status is the given one and the body is JSON (an error page from Jetty is not). */
        public boolean isJson(int expectedStatus) {
            if (status != expectedStatus) {
                return false;
            }
            try {
                JSON.readTree(body);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return path + " -> " + (status == REFUSED ? "refused" : String.valueOf(status)) + " " + body;
        }
    }
}
