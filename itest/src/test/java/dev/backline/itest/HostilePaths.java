package dev.backline.itest;

import java.util.List;

/**
 * Request paths that try to reach {@code /api/<plugin>/<secret>} (a protected path) through its open
 * {@code /api/<plugin>/<open>}, or from a neighbouring plugin's open path, with dot segments (plain, encoded,
 * double-encoded, mixed case), encoded or doubled separators, path parameters, backslashes, NUL and letter case.
 * None may reach the protected handler without credentials, or another plugin's handler at all.
 */
public final class HostilePaths {

    private HostilePaths() {
    }

    public static List<String> toward(String plugin, String open, String secret, String neighbour, String neighbourOpen) {
        String base = "/api/" + plugin + "/";
        String from = base + open;
        return List.of(
                from + "/../" + secret,
                from + "/..%2f" + secret,
                from + "/..%2F" + secret,
                from + "%2f..%2f" + secret,
                from + "/%2e%2e/" + secret,
                from + "/%2E%2E/" + secret,
                from + "/.%2e/" + secret,
                from + "/%252e%252e/" + secret,
                from + "/..;/" + secret,
                from + ";x=1/../" + secret,
                from + "/./../" + secret,
                "/api/" + plugin + "//" + open + "/../" + secret,
                from + "\\..\\" + secret,
                from + "/%5c..%5c" + secret,
                from + "/%00/../" + secret,
                base + open.toUpperCase(java.util.Locale.ROOT) + "/../" + secret,
                "/api/" + neighbour + "/" + neighbourOpen + "/../../" + plugin + "/" + secret,
                "/api/" + neighbour + "/" + neighbourOpen + "/..%2f..%2f" + plugin + "%2f" + secret,
                "/api/" + neighbour + "/%2e%2e/" + plugin + "/" + secret,
                "/api/" + plugin.toUpperCase(java.util.Locale.ROOT) + "/" + secret,
                base + Character.toUpperCase(secret.charAt(0)) + secret.substring(1),
                base + secret + "/",
                base + "%" + Integer.toHexString(secret.charAt(0)) + secret.substring(1));
    }
}
