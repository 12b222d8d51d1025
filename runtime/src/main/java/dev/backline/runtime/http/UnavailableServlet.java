package dev.backline.runtime.http;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a backend that could not start at all serves, when the operator chose not to exit on such a
 * failure ({@code backline.exitOnStartupFailure: false}): liveness and readiness answer 503
 * {@code {"status":"error","message":<why>}}, every other path a 503 error body with the same reason.
 */
public final class UnavailableServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public UnavailableServlet(String reason) {
        this.reason = reason;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals(BackendDispatcherServlet.LIVENESS) || path.equals(BackendDispatcherServlet.READINESS)) {
            ErrorResponses.writeJson(response, 503, Map.of("status", "error", "message", reason));
        } else {
            ErrorResponses.writeError(request, response, 503, "ServiceUnavailableError", reason);
        }
    }
}
