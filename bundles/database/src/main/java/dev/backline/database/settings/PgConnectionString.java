package dev.backline.database.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a PostgreSQL connection URI, {@code postgresql://user:password@host:port/database?sslmode=require},
 * into the keys of a connection object. Errors never repeat the string, which may hold a password.
 */
final class PgConnectionString {

    private PgConnectionString() {
    }

    static Map<String, Object> parse(String value, String keyPath) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw notAConnectionString(keyPath, "it is not a valid URI (at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgres") || scheme.equals("postgresql"))) {
            throw notAConnectionString(keyPath, "it does not start with postgresql://");
        }
        Map<String, Object> connection = new LinkedHashMap<>();
        if (uri.getHost() != null) {
            connection.put("host", uri.getHost());
        }
        if (uri.getPort() >= 0) {
            connection.put("port", uri.getPort());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            connection.put("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                connection.put("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            connection.put("database", decode(path.substring(1)));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                connection.put(key, eq < 0 ? "true" : decode(pair.substring(eq + 1)));
            }
        }
        return connection;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static DatabaseSettingsException notAConnectionString(String keyPath, String why) {
        return new DatabaseSettingsException(keyPath, keyPath + " is not a PostgreSQL connection string: " + why
                + "; expected postgresql://user:password@host:port/database or a connection object");
    }
}
