package dev.backline.runtime.config;

/**
 * Builds and takes apart full key paths ({@code backend.listen.port}, {@code a.b[2].c}), the one
 * spelling used by error messages, provenance and line lookup.
 */
final class KeyPaths {

    private KeyPaths() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path, or {@code null} for the root. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        if (path.endsWith("]")) {
            int open = path.lastIndexOf('[');
            if (open >= 0 && path.substring(open + 1, path.length() - 1).chars().allMatch(Character::isDigit)) {
                return path.substring(0, open);
            }
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** True when {@code path} is {@code ancestor} itself or lies below it. */
    static boolean isWithin(String path, String ancestor) {
        return ancestor.isEmpty()
                || path.equals(ancestor)
                || path.startsWith(ancestor + ".")
                || path.startsWith(ancestor + "[");
    }

    /** For messages: the quoted path, or words for the root, which has no name. */
    static String describe(String path) {
        return path.isEmpty() ? "the top level" : "key '" + path + "'";
    }
}
