package dev.backline.runtime.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses request paths that could mean one thing to routing and another to a handler: encoded slashes
 * and backslashes, encoded or literal dot segments, path parameters ({@code ;x=y}), empty segments, NUL.
 * Routing and auth policies then compare the path as it was sent, so no spelling of a path reaches another
 * plugin's handlers or slips past a policy.
 */
final class RequestPaths {

    private static final String[] ENCODED = {"%2f", "%5c", "%2e", "%00", "%3b"};

    private RequestPaths() {
    }

    /** Why the raw (undecoded) path is refused, or empty when it is acceptable. */
    static Optional<String> refusal(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("the path does not start with '/'");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED) {
            if (lower.contains(encoded)) {
                return Optional.of("the path contains the encoded character " + encoded.toUpperCase(Locale.ROOT));
            }
        }
        if (rawPath.indexOf('\\') >= 0 || rawPath.indexOf('\0') >= 0) {
            return Optional.of("the path contains a backslash or a NUL character");
        }
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("the path contains a parameter (';')");
        }
        if (rawPath.contains("//")) {
            return Optional.of("the path contains an empty segment ('//')");
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("the path contains a '" + segment + "' segment");
            }
        }
        return Optional.empty();
    }
}
