package dev.backline.urlreader.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.backline.plugin.api.errors.InputError;

/** Parsing and inspecting the URLs callers pass. */
final class Urls {

    /** Characters a URL may carry unescaped as people write them (a glob's braces, say) but {@link URI} refuses. */
    private static final String ESCAPED_WHEN_NEEDED = " \"<>\\^`{|}[]";

    private Urls() {
    }

    /**
     * The absolute, hierarchical URL {@code url} names, with its dot segments resolved (what is checked is what is
     * requested).
     *
     * @throws InputError naming the URL when it is not one
     */
    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InputError("A URL to read is required, got '" + url + "'");
        }
        URI uri;
        try {
            uri = parseReference(url);
        } catch (IllegalArgumentException e) {
            throw new InputError("'" + url + "' is not a URL: " + e.getMessage());
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new InputError("'" + url + "' is not an absolute URL such as https://example.com/path");
        }
        if (uri.getRawAuthority() != null) {
            try {
                uri.parseServerAuthority(); // host[:port], or fail: a URL's authority is never just a name
            } catch (URISyntaxException e) {
                throw new InputError("'" + url + "' is not a URL: " + e.getReason());
            }
        }
        return uri.normalize();
    }

    /**
     * A URL or relative reference (a redirect's Location), escaping what {@link URI} refuses.
     *
     * @throws IllegalArgumentException saying why it is not one
     */
    static URI parseReference(String reference) {
        try {
            return new URI(reference);
        } catch (URISyntaxException e) {
            try {
                return new URI(escaped(reference));
            } catch (URISyntaxException again) {
                throw new IllegalArgumentException(e.getReason() + " at index " + e.getIndex(), e);
            }
        }
    }

    /** The URL without its fragment, which is never sent. */
    static URI withoutFragment(URI url) {
        if (url.getRawFragment() == null) {
            return url;
        }
        String text = url.toString();
        return URI.create(text.substring(0, text.length() - url.getRawFragment().length() - 1));
    }

    /** Percent-encodes what {@link URI} refuses, after the authority (an IPv6 host keeps its brackets). */
    private static String escaped(String url) {
        int schemeEnd = url.indexOf("://");
        int start = 0;
        if (schemeEnd >= 0) {
            start = schemeEnd + 3;
            while (start < url.length() && "/?#".indexOf(url.charAt(start)) < 0) {
                start++;
            }
        }
        StringBuilder out = new StringBuilder(url.substring(0, start));
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (ESCAPED_WHEN_NEEDED.indexOf(c) >= 0) {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when the path has glob characters ({@code *}, braces, brackets), escaped or not. */
    static boolean hasGlob(URI url) {
        String path = url.getPath();
        return path != null && path.chars().anyMatch(c -> c == '*' || c == '{' || c == '}' || c == '[' || c == ']');
    }

    /**
     * True when a path segment is a dot segment only once decoded ({@code %2e%2e}): servers differ in whether they
     * resolve those, so a path prefix check on such a path proves nothing.
     */
    static boolean hasEncodedDotSegment(URI url) {
        String rawPath = url.getRawPath();
        if (rawPath == null) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (!decoded.equals(segment) && (decoded.equals(".") || decoded.equals(".."))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the path has a {@code ;} parameter or an encoded separator ({@code %2f}, {@code %5c}): servers and
     * proxies differ in how they read {@code /allowed/..;/x} and {@code /allowed/..%2fx}, so a path prefix check on
     * such a path proves nothing either.
     */
    static boolean hasAmbiguousSeparator(URI url) {
        String rawPath = url.getRawPath();
        if (rawPath == null) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.contains(";") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\");
    }

    /** The URL for messages: without user info, which may hold a password. */
    static String describe(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    /** True when both URLs have the same scheme, host and port: a token may go from one to the other. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && String.valueOf(a.getHost()).equalsIgnoreCase(
                String.valueOf(b.getHost())) && port(a) == port(b);
    }

    static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
