package dev.backline.host.http;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Minimal request and response objects for driving the dispatcher without a container. Real HTTP is
 * tested against Felix HTTP Jetty in the OSGi integration tests.
 */
final class HttpDoubles {

    private HttpDoubles() {
    }

    static HttpServletRequest request(String method, String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        return (HttpServletRequest) Proxy.newProxyInstance(HttpDoubles.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getQueryString" -> query;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "";
                    case "getPathInfo" -> path;
                    case "toString" -> method + " " + uri;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** Captures status, content type and body. */
    static final class Response {
        int status = 200;
        String contentType;
        boolean committed;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        final HttpServletResponse proxy = (HttpServletResponse) Proxy.newProxyInstance(
                HttpDoubles.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (p, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "getStatus" -> status;
                    case "setContentType" -> {
                        contentType = (String) args[0];
                        yield null;
                    }
                    case "isCommitted" -> committed;
                    case "resetBuffer" -> {
                        body.reset();
                        yield null;
                    }
                    case "getOutputStream" -> new ServletOutputStream() {
                        @Override
                        public void write(int b) {
                            body.write(b);
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(WriteListener listener) {
                        }
                    };
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> null;
                });

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws Exception {
            return new ObjectMapper().readValue(body.toByteArray(), Map.class);
        }
    }
}
