package dev.backline.host.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.plugin.api.errors.BackendError;

/**
 * Writes JSON responses, and errors in Backstage's body shape:
 * {@code {"error":{"name","message"},"request":{"method","url"},"response":{"statusCode"}}}.
 */
final class ErrorResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {
    }

    static void writeError(HttpServletRequest request, HttpServletResponse response, Throwable error) throws IOException {
        writeError(request, response, BackendError.statusCodeOf(error), BackendError.nameOf(error),
                error.getMessage() == null ? "" : error.getMessage());
    }

    static void writeError(HttpServletRequest request, HttpServletResponse response, int status, String name,
            String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", Map.of("name", name, "message", message));
        Map<String, Object> requestPart = new LinkedHashMap<>();
        requestPart.put("method", request.getMethod());
        requestPart.put("url", request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        body.put("request", requestPart);
        body.put("response", Map.of("statusCode", status));
        writeJson(response, status, body);
    }

    static void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
