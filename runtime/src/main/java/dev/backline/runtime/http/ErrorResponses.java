package dev.backline.runtime.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
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

    /**
     * Development mode ({@code NODE_ENV=development}, as in Backstage): unexpected errors show their message and
     * stack trace. Otherwise they show neither; the log has both.
     */
    static final boolean DEVELOPMENT = "development".equals(System.getenv("NODE_ENV"));

    static void writeError(HttpServletRequest request, HttpServletResponse response, Throwable error) throws IOException {
        int status = BackendError.statusCodeOf(error);
        writeJson(response, status, errorBody(request, status, error));
    }

    /** The body for an error: a {@link BackendError} shows its message; anything else only in development. */
    static Map<String, Object> errorBody(HttpServletRequest request, int status, Throwable error) {
        if (error instanceof BackendError || DEVELOPMENT) {
            return errorBody(request, status, BackendError.nameOf(error), error.getMessage() == null ? "" : error.getMessage(),
                    DEVELOPMENT && !(error instanceof BackendError) ? stackOf(error) : null);
        }
        // An exception the handler did not mean for the caller: its text may describe the server's insides.
        return errorBody(request, status, BackendError.nameOf(error), "Internal Server Error", null);
    }

    /**
     * The error a handler meant: the cause of a {@link ServletException}, and the 413 behind an error from a
     * handler that read past the body limit (perhaps wrapped by its JSON parser).
     */
    static Throwable effective(Throwable thrown) {
        Throwable error = thrown instanceof ServletException && thrown.getCause() != null ? thrown.getCause() : thrown;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLargeException tooLarge) {
                return tooLarge.getCause();
            }
        }
        return error;
    }

    private static String stackOf(Throwable error) {
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    static void writeError(HttpServletRequest request, HttpServletResponse response, int status, String name,
            String message) throws IOException {
        writeJson(response, status, errorBody(request, status, name, message, null));
    }

    static Map<String, Object> errorBody(HttpServletRequest request, int status, String name, String message, String stack) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> errorPart = new LinkedHashMap<>();
        errorPart.put("name", name);
        errorPart.put("message", message);
        if (stack != null) {
            errorPart.put("stack", stack);
        }
        body.put("error", errorPart);
        Map<String, Object> requestPart = new LinkedHashMap<>();
        requestPart.put("method", request.getMethod());
        requestPart.put("url", request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        body.put("request", requestPart);
        body.put("response", Map.of("statusCode", status));
        return body;
    }

    static void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
