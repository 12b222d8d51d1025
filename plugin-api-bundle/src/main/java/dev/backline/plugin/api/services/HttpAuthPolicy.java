package dev.backline.plugin.api.services;

import java.util.Objects;

/**
 * Opens a path of a plugin to callers that the default-deny policy would refuse.
 *
 * @param path  a path relative to the plugin's mount; a prefix match ({@code /} opens all)
 * @param allow who is let in
 */
public record HttpAuthPolicy(String path, Allow allow) {

    /** Who a policy lets in. */
    public enum Allow {
        /** Anyone, with or without credentials. */
        UNAUTHENTICATED,
        /** Users authenticated by the user cookie as well as by a bearer token. */
        USER_COOKIE
    }

    public HttpAuthPolicy {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(allow, "allow");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Auth policy path '" + path + "' must start with '/'");
        }
    }
}
