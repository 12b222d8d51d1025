package dev.backline.runtime.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.backline.plugin.api.services.Config;

/**
 * Cross-origin requests as {@code backend.cors} allows them, Backstage's keys: {@code origin} (one or a
 * list; {@code *} in an origin matches any part of a host name, e.g. {@code https://*.example.com}),
 * {@code methods}, {@code allowedHeaders}, {@code exposedHeaders}, {@code credentials}, {@code maxAge}
 * (seconds). Without {@code backend.cors}, no origin is allowed: browsers keep other sites' pages from
 * reading any answer.
 */
final class CorsPolicy {

    static final CorsPolicy NONE = new CorsPolicy(List.of(), List.of(), List.of(), List.of(), false, Optional.empty());
    private static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE");

    private final List<Pattern> origins;
    private final List<String> methods;
    private final List<String> allowedHeaders;
    private final List<String> exposedHeaders;
    private final boolean credentials;
    private final Optional<Integer> maxAge;

    private CorsPolicy(List<Pattern> origins, List<String> methods, List<String> allowedHeaders, List<String> exposedHeaders,
            boolean credentials, Optional<Integer> maxAge) {
        this.origins = origins;
        this.methods = methods;
        this.allowedHeaders = allowedHeaders;
        this.exposedHeaders = exposedHeaders;
        this.credentials = credentials;
        this.maxAge = maxAge;
    }

    /** {@code backend.cors}, or {@link #NONE}. */
    static CorsPolicy from(Config root) {
        Optional<Config> cors = root.getOptionalConfig("backend.cors");
        if (cors.isEmpty()) {
            return NONE;
        }
        Config config = cors.get();
        List<Pattern> origins = new ArrayList<>();
        for (String origin : stringOrList(config, "origin")) {
            origins.add(Pattern.compile(Pattern.quote(origin).replace("*", "\\E[^./]*\\Q")));
        }
        List<String> methods = stringOrList(config, "methods");
        return new CorsPolicy(List.copyOf(origins), methods.isEmpty() ? DEFAULT_METHODS : methods,
                stringOrList(config, "allowedHeaders"), stringOrList(config, "exposedHeaders"),
                config.getOptionalBoolean("credentials").orElse(false), config.getOptionalInt("maxAge"));
    }

    private static List<String> stringOrList(Config config, String key) {
        if (!config.has(key)) {
            return List.of();
        }
        return config.get(key) instanceof List<?> ? config.getStringArray(key) : List.of(config.getString(key));
    }

    /** Whether the request is a CORS preflight (which carries no credentials and is answered here). */
    static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /**
     * Adds the CORS headers an allowed origin gets. For a preflight, also the allowed methods and headers.
     *
     * @return whether the request's origin (if any) is allowed
     */
    boolean apply(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        response.addHeader("Vary", "Origin");
        if (origins.stream().noneMatch(pattern -> pattern.matcher(origin).matches())) {
            return false;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        if (credentials) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        if (!exposedHeaders.isEmpty()) {
            response.setHeader("Access-Control-Expose-Headers", String.join(",", exposedHeaders));
        }
        if (isPreflight(request)) {
            response.setHeader("Access-Control-Allow-Methods", String.join(",", methods));
            String requested = request.getHeader("Access-Control-Request-Headers");
            if (!allowedHeaders.isEmpty()) {
                response.setHeader("Access-Control-Allow-Headers", String.join(",", allowedHeaders));
            } else if (requested != null) {
                response.setHeader("Access-Control-Allow-Headers", requested);
                response.addHeader("Vary", "Access-Control-Request-Headers");
            }
            maxAge.ifPresent(seconds -> response.setHeader("Access-Control-Max-Age", String.valueOf(seconds)));
        }
        return true;
    }
}
