package dev.backline.events.core;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * {@code POST /api/events/http/<topic>}: the JSON body is published on the topic, the headers as metadata. The
 * events plugin opens {@code /http} to everyone, so this servlet is the barrier: a topic that is not open to
 * unauthenticated callers, and an unknown topic, need credentials first (401 before 404, so strangers learn nothing
 * about which topics exist). Errors are thrown as {@link BackendError}s: the backend answers them as Backstage's
 * JSON error body.
 */
final class IngressServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Credentials are not passed on to every subscriber (and into the events table). */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final transient IngressTopics topics;
    private final transient HttpAuthService httpAuth;

    IngressServlet(IngressTopics topics, HttpAuthService httpAuth) {
        this.topics = topics;
        this.httpAuth = httpAuth;
    }

    /** 405, which Backstage's errors have no class for. */
    static final class MethodNotAllowedError extends BackendError {
        private static final long serialVersionUID = 1L;

        MethodNotAllowedError(String message) {
            super(message, null);
        }

        @Override
        public int statusCode() {
            return 405;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String topic = topicOf(request);
        Optional<IngressTopics.Ingress> found = topic == null ? Optional.empty() : topics.find(topic);
        if (found.isEmpty() || !found.get().options().allowUnauthenticated()) {
            httpAuth.credentials(request, PrincipalType.USER, PrincipalType.SERVICE);
        }
        if (found.isEmpty()) {
            throw new NotFoundError(topic == null ? "No HTTP ingress topic in " + request.getRequestURI()
                    : "No HTTP ingress is open for topic '" + topic + "'");
        }
        if (!found.get().active()) {
            throw new ServiceUnavailableError("Plugin '" + found.get().pluginId() + "', which opened the HTTP ingress of"
                    + " topic '" + topic + "', is not running");
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw new MethodNotAllowedError("The HTTP ingress of topic '" + topic + "' takes POST, not "
                    + request.getMethod());
        }
        IngressTopics.Ingress ingress = found.get();
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, String> headers = headers(request);
        if (ingress.options().validator() != null) {
            ingress.options().validator().validate(body, headers);
        }
        Object payload;
        try {
            payload = EventJson.bodyValues(body);
        } catch (IOException e) {
            throw new InputError("The body posted to the HTTP ingress of topic '" + topic + "' is not JSON: "
                    + firstLine(e.getMessage()), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>(headers);
        metadata.keySet().removeAll(DROPPED_HEADERS);
        ingress.publisher().publish(new EventParams(topic, payload, metadata));
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }

    /** The topic from {@code /<topic>} below the mount; null when there is none or more segments follow. */
    private static String topicOf(HttpServletRequest request) {
        String rest = request.getPathInfo();
        if (rest == null || rest.length() < 2 || rest.indexOf('/', 1) >= 0) {
            return null;
        }
        return rest.substring(1);
    }

    /** Every header, name in lower case; repeated headers joined with ", " as HTTP allows. */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            List<String> values = Collections.list(request.getHeaders(name));
            headers.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values), (a, b) -> a + ", " + b);
        }
        return headers;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
