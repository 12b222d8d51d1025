package dev.backline.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Backstage's environment overrides: {@code APP_CONFIG_backend_listen_port=7008} sets
 * {@code backend.listen.port}. The value is JSON ({@code 7008} a number, {@code '"7008"'} a string,
 * {@code '{"client":"pg"}'} an object); text that is not JSON is taken as a plain string, unless it
 * starts like JSON ({@code { [ "}), which is then a mistake worth stopping for. Empty values are
 * ignored. Messages name the variable, never its value.
 */
final class EnvOverrides {

    static final String PREFIX = "APP_CONFIG_";

    // Backstage's CONFIG_KEY_PART_PATTERN, applied to each '_'-separated part.
    private static final Pattern KEY_PART = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*",
            Pattern.CASE_INSENSITIVE);

    private final ConfigDocumentParser parser;

    EnvOverrides(ConfigDocumentParser parser) {
        this.parser = parser;
    }

    /** The overrides as one layer, each value attributed to {@code env <VARIABLE>}; empty when there are none. */
    Optional<ConfigLayer> read(Map<String, String> environment) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        // Sorted, so that conflicts between variables are reported the same way on every run.
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(PREFIX) || entry.getValue() == null || entry.getValue().isEmpty()) {
                continue;
            }
            String[] parts = name.substring(PREFIX.length()).split("_", -1);
            for (String part : parts) {
                if (!KEY_PART.matcher(part).matches()) {
                    throw ConfigLoadException.inEnvironment(name, null, "'" + name.substring(PREFIX.length())
                            + "' is not a config key path (parts separated by '_', each a letter followed by"
                            + " letters, digits or '-')");
                }
            }
            String keyPath = String.join(".", parts);
            Object value = parseValue(name, keyPath, entry.getValue());
            insert(data, sources, parts, keyPath, value, name);
        }
        return data.isEmpty() ? Optional.empty() : Optional.of(new ConfigLayer(data, sources));
    }

    private Object parseValue(String name, String keyPath, String text) {
        Object parsed;
        try {
            parsed = parser.parseJson(text);
        } catch (ConfigDocumentParser.NotJsonException notJson) {
            String start = text.stripLeading();
            if (start.startsWith("{") || start.startsWith("[") || start.startsWith("\"")) {
                throw ConfigLoadException.inEnvironment(name, keyPath, "the value starts like JSON but is not valid"
                        + " JSON: " + notJson.getMessage());
            }
            return text;
        }
        if (parsed == null) {
            throw ConfigLoadException.inEnvironment(name, keyPath, "the value may not be null");
        }
        try {
            return PlainData.freeze(parsed, keyPath);
        } catch (IllegalArgumentException e) {
            throw ConfigLoadException.inEnvironment(name, keyPath, e.getMessage());
        }
    }

    private static void insert(Map<String, Object> data, Map<String, String> sources, String[] parts,
            String keyPath, Object value, String name) {
        // As in Backstage, a variable may add keys to an object another variable gave as JSON (frozen):
        // the walk continues in a copy of it.
        Map<String, Object> target = PlainData.parentObject(data, parts, path -> ConfigLoadException.inEnvironment(
                name, keyPath, "cannot nest under '" + path + "', which " + ownerOf(sources, path)
                        + " already sets to a value that is not an object"));
        String leaf = parts[parts.length - 1];
        String leafPath = String.join(".", parts);
        if (target.containsKey(leaf)) {
            throw ConfigLoadException.inEnvironment(name, leafPath, "refusing to override '" + leafPath
                    + "', which " + ownerOf(sources, leafPath) + " already sets");
        }
        target.put(leaf, value);
        sources.put(leafPath, "env " + name);
    }

    private static String ownerOf(Map<String, String> sources, String path) {
        String source = new ConfigLayer(Map.of(), sources).sourceAt(path);
        if (source != null) {
            return source.substring("env ".length());
        }
        // Only intermediate objects have no owner: several deeper variables created them.
        return "other APP_CONFIG_ variables";
    }
}
