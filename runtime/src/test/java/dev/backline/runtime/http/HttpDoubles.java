package dev.backline.runtime.http;

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
        return request(method, uri, Map.of());
    }

    /** A request with these headers (names as given; looked up case-insensitively) and attributes of its own. */
    static HttpServletRequest request(String method, String uri, Map<String, String> headers) {
        return request(method, uri, headers, null);
    }

    /** With a body; its length is declared unless the headers say {@code Transfer-Encoding: chunked}. */
    static HttpServletRequest request(String method, String uri, Map<String, String> headers, byte[] body) {
        boolean chunked = headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding"));
        java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(body == null ? new byte[0] : body);
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        Map<String, Object> attributes = new java.util.HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(HttpDoubles.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getQueryString" -> query;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "";
                    case "getPathInfo" -> path;
                    case "getHeader" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getContentType" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getContentLengthLong" -> body == null || chunked ? -1L : (long) body.length;
                    case "getContentLength" -> body == null || chunked ? -1 : body.length;
                    case "getInputStream" -> new jakarta.servlet.ServletInputStream() {
                        @Override
                        public int read() {
                            return bytes.read();
                        }

                        @Override
                        public boolean isFinished() {
                            return bytes.available() == 0;
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        /** As a container would, all data being there at once: every callback, in order, now. */
                        @Override
                        public void setReadListener(jakarta.servlet.ReadListener listener) {
                            try {
                                listener.onDataAvailable();
                                listener.onAllDataRead();
                            } catch (java.io.IOException e) {
                                listener.onError(e);
                            }
                        }
                    };
                    case "isAsyncSupported" -> true;
                    case "startAsync" -> Proxy.newProxyInstance(HttpDoubles.class.getClassLoader(),
                            new Class<?>[] {jakarta.servlet.AsyncContext.class}, (async, am, aargs) -> null);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
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
        final Map<String, String> headers = new java.util.LinkedHashMap<>();
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
                    case "setHeader" -> {
                        headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "addHeader" -> {
                        headers.merge((String) args[0], (String) args[1], (a, b) -> a + ", " + b);
                        yield null;
                    }
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
