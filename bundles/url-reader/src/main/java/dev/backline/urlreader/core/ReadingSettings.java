package dev.backline.urlreader.core;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * What the plain reader may read, from {@code backend.reading}: {@code allow} (a list of {@code {host, paths}}; nothing
 * when unset), {@code maxSizeBytes} (the default most bytes of a file, {@value #DEFAULT_MAX_SIZE_BYTES} unless set) and
 * {@code timeout} (the default time a read may take, 60 seconds unless set).
 */
record ReadingSettings(List<AllowRule> allow, long maxSizeBytes, Duration timeout) {

    static final String ALLOW_KEY = "backend.reading.allow";
    static final String MAX_SIZE_KEY = "backend.reading.maxSizeBytes";
    static final String TIMEOUT_KEY = "backend.reading.timeout";
    static final long DEFAULT_MAX_SIZE_BYTES = 10L * 1024 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    ReadingSettings {
        allow = List.copyOf(allow);
    }

    /** @throws ConfigException naming the key path of a value that is missing or invalid */
    static ReadingSettings from(Config root) {
        List<AllowRule> rules = new ArrayList<>();
        List<Config> entries = root.getOptionalConfigArray(ALLOW_KEY).orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            rules.add(AllowRule.from(entries.get(i), ALLOW_KEY + "[" + i + "]"));
        }
        long maxSizeBytes = root.getOptionalNumber(MAX_SIZE_KEY).map(value -> {
            if (value != Math.rint(value) || value < 1 || value > Long.MAX_VALUE) {
                throw new ConfigException(MAX_SIZE_KEY, MAX_SIZE_KEY + " must be a whole number of bytes, at least 1, got "
                        + value);
            }
            return value.longValue();
        }).orElse(DEFAULT_MAX_SIZE_BYTES);
        Duration timeout = root.getOptionalDuration(TIMEOUT_KEY).orElse(DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException(TIMEOUT_KEY, TIMEOUT_KEY + " must be positive, got " + timeout);
        }
        return new ReadingSettings(rules, maxSizeBytes, timeout);
    }

    /** True when a rule allows {@code url}, an absolute http or https URL without dot segments. */
    boolean allows(URI url) {
        return allow.stream().anyMatch(rule -> rule.allows(url));
    }

    /**
     * One entry of {@code backend.reading.allow}. {@code host} is a host name ({@code example.com}), a wildcard for its
     * subdomains ({@code *.example.com}, which does not match {@code example.com} itself), either with a port or port
     * range ({@code example.com:8080}, {@code example.com:8000-8099}). Without a port only the scheme's default port is
     * allowed. {@code paths}, when given, are path prefixes: one that ends in {@code /} matches what starts with it; one
     * that does not matches itself and what lies below it ({@code /docs} matches {@code /docs/a} but not
     * {@code /docs-old}).
     */
    record AllowRule(String hostname, boolean wildcard, int portFrom, int portTo, List<String> paths) {

        static final int NO_PORT = -1;

        AllowRule {
            paths = paths == null ? null : List.copyOf(paths);
        }

        static AllowRule from(Config entry, String keyPath) {
            String hostKey = keyPath + ".host";
            String host = entry.getString("host").trim().toLowerCase(Locale.ROOT);
            String hostname = host;
            String port = null;
            int bracket = host.lastIndexOf(']');
            int colon = host.lastIndexOf(':');
            if (colon > bracket) { // a port after the name (an IPv6 literal has colons inside its brackets)
                hostname = host.substring(0, colon);
                port = host.substring(colon + 1);
            }
            boolean wildcard = hostname.startsWith("*.");
            String name = wildcard ? hostname.substring(2) : hostname;
            if (name.isEmpty() || name.contains("*") || name.contains("/") || name.startsWith(".")) {
                throw new ConfigException(hostKey, hostKey + " '" + host + "' is not a host name: use example.com,"
                        + " *.example.com (its subdomains), optionally with :port or :from-to");
            }
            int[] ports = port == null ? new int[] {NO_PORT, NO_PORT} : ports(port, hostKey, host);
            List<String> paths = entry.getOptionalStringArray("paths").orElse(null);
            if (paths != null) {
                for (int i = 0; i < paths.size(); i++) {
                    if (!paths.get(i).startsWith("/")) {
                        String pathKey = keyPath + ".paths[" + i + "]";
                        throw new ConfigException(pathKey, pathKey + " '" + paths.get(i)
                                + "' must be an absolute path, starting with /");
                    }
                }
            }
            return new AllowRule(wildcard ? "." + name : name, wildcard, ports[0], ports[1], paths);
        }

        private static int[] ports(String port, String hostKey, String host) {
            String[] range = port.split("-", -1);
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
                if (range.length > 2 || from < 1 || to > 65535 || from > to) {
                    throw new NumberFormatException();
                }
                return new int[] {from, to};
            } catch (NumberFormatException e) {
                throw new ConfigException(hostKey, hostKey + " '" + host + "' has no valid port or port range after"
                        + " ':' (1-65535, e.g. 8080 or 8000-8099)");
            }
        }

        boolean allows(URI url) {
            String host = Optional.ofNullable(url.getHost()).map(h -> h.toLowerCase(Locale.ROOT)).orElse("");
            boolean hostMatches = wildcard ? host.endsWith(hostname) && host.length() > hostname.length()
                    : host.equals(hostname);
            return hostMatches && portMatches(url) && pathMatches(url.getRawPath());
        }

        private boolean portMatches(URI url) {
            int defaultPort = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            int port = url.getPort() == -1 ? defaultPort : url.getPort();
            if (portFrom == NO_PORT) {
                return port == defaultPort; // as written without a port, or with the scheme's own
            }
            return port >= portFrom && port <= portTo;
        }

        private boolean pathMatches(String rawPath) {
            if (paths == null) {
                return true;
            }
            String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            return paths.stream().anyMatch(prefix -> prefix.endsWith("/") ? path.startsWith(prefix)
                    : path.equals(prefix) || path.startsWith(prefix + "/"));
        }
    }
}
