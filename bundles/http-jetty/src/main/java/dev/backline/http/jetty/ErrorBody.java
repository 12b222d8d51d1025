package dev.backline.http.jetty;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Backstage's error body, {@code {"error":{"name","message"},"request":{"method","url"},"response":{"statusCode"}}},
 * for an error Jetty answers itself. The message is Jetty's reason for a client error (such as "Ambiguous URI
 * path separator"), never exception text, and only the status's reason phrase for a server error.
 */
final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    /**
     * @param reason   Jetty's message, if any
     * @param fromCause whether that message is an exception's text (then it is not shown)
     * @param method   the request's method, when the request line could be read
     * @param url      its path and query, likewise
     */
    static byte[] json(int status, String reason, boolean fromCause, String method, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", nameOf(status));
        error.put("message", messageOf(status, reason, fromCause));
        body.put("error", error);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method == null ? "" : method);
        request.put("url", url == null ? "" : url);
        body.put("request", request);
        body.put("response", Map.of("statusCode", status));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body of strings and numbers cannot fail to serialize", e);
        }
    }

    static String messageOf(int status, String reason, boolean fromCause) {
        if (status >= 500 || fromCause || reason == null || reason.isBlank()) {
            return reasonPhrase(status);
        }
        return reason;
    }

    /** The names the backend's own error bodies use for these statuses. */
    static String nameOf(int status) {
        return switch (status) {
            case 400 -> "InputError";
            case 401 -> "AuthenticationError";
            case 403 -> "NotAllowedError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowedError";
            case 408 -> "RequestTimeoutError";
            case 413 -> "PayloadTooLargeError";
            case 414 -> "UriTooLongError";
            case 415 -> "UnsupportedMediaTypeError";
            case 431 -> "RequestHeaderFieldsTooLargeError";
            case 501 -> "NotImplementedError";
            case 503 -> "ServiceUnavailableError";
            default -> "Error";
        };
    }

    private static String reasonPhrase(int status) {
        String phrase = org.eclipse.jetty.http.HttpStatus.getMessage(status);
        return phrase == null ? "Error " + status : phrase;
    }
}
