package dev.backline.runtime.http;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * A servlet mounted at a path. The servlet is initialised on its first request (the servlet context
 * only exists once the dispatcher serves) and destroyed when its plugin stops.
 */
final class Mount {

    private static final java.util.regex.Pattern SLASHES = java.util.regex.Pattern.compile("/+");

    private final String path;
    private final Servlet servlet;
    private final String owner;
    private final List<String> routes;
    private boolean initialized;

    Mount(String path, Servlet servlet, String owner) {
        this(path, servlet, owner, List.of());
    }

    /** @param routes what the servlet serves below {@code path}, relative to it, for listings; empty: the path itself */
    Mount(String path, Servlet servlet, String owner, List<String> routes) {
        this.path = normalize(path);
        this.servlet = servlet;
        this.owner = owner;
        this.routes = routes.isEmpty() ? List.of(this.path) : routes.stream().map(this::below).distinct().toList();
    }

    private String below(String route) {
        String joined = (path.equals("/") ? "" : path) + (route.startsWith("/") ? route : "/" + route);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The routes this mount serves, for listings: its path, or for REST resources each resource path. */
    List<String> routes() {
        return routes;
    }

    /** "/" or a path without a trailing slash, e.g. "/modules/x/v1". */
    static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Route path '" + path + "' must start with '/'");
        }
        // A handler mounts below its plugin's prefix and nowhere else: no segment may lead out of it, and no
        // spelling may differ from what requests are routed by.
        // Asked for every request by the credentials barrier: the regex only runs when there is something to collapse.
        String trimmed = path.contains("//") ? SLASHES.matcher(path).replaceAll("/") : path;
        RequestPaths.refusal(trimmed).ifPresent(why -> {
            throw new IllegalArgumentException("Route path '" + path + "' is not a plain path: " + why);
        });
        return trimmed.length() > 1 && trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    String path() {
        return path;
    }

    /** True when {@code requestPath} is this mount's path or below it. */
    boolean matches(String requestPath) {
        return path.equals("/") || requestPath.equals(path) || requestPath.startsWith(path + "/");
    }

    /** True when one mount is a prefix of the other, compared case-insensitively (root route rule). */
    boolean overlaps(Mount other) {
        String a = path.toLowerCase(Locale.ROOT);
        String b = other.path.toLowerCase(Locale.ROOT);
        return a.equals(b) || a.equals("/") || b.equals("/") || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    synchronized Servlet servlet(ServletContext context) throws ServletException {
        if (!initialized) {
            servlet.init(new ServletConfig() {
                @Override
                public String getServletName() {
                    return owner + " " + path;
                }

                @Override
                public ServletContext getServletContext() {
                    return context;
                }

                @Override
                public String getInitParameter(String name) {
                    return null;
                }

                @Override
                public java.util.Enumeration<String> getInitParameterNames() {
                    return java.util.Collections.emptyEnumeration();
                }
            });
            initialized = true;
        }
        return servlet;
    }

    synchronized void destroy() {
        if (initialized) {
            initialized = false;
            servlet.destroy();
        }
    }
}
