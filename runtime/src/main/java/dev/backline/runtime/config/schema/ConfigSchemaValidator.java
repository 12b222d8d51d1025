package dev.backline.runtime.config.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;

/**
 * Checks configuration data against configuration schemas and words each violation as the typed config
 * getters word theirs: the full key path, where the value came from, the expected and the actual type.
 * Messages never show a value (it may be a secret). Several schemas apply together (each must hold),
 * and every violation of every schema is reported, not just the first.
 */
public final class ConfigSchemaValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigSchemaValidator() {
    }

    /** One violation: the key path it is about and the sentence that describes it. */
    public record Violation(String keyPath, String message) {
    }

    /**
     * @param rootData the configuration tree from the root (plain maps, lists and scalars)
     * @param sourceOf where the value at a key path came from (a file, {@code env APP_CONFIG_x}), if known
     * @return the violations of every schema, sorted by key path; empty when the data is valid
     */
    public static List<Violation> validate(Collection<ConfigSchema> schemas, Object rootData,
            Function<String, Optional<String>> sourceOf) {
        JsonNode data = JSON.valueToTree(rootData == null ? Map.of() : rootData);
        // Keyed by message: two schemas saying the same thing about the same key say it once.
        Map<String, Violation> violations = new LinkedHashMap<>();
        for (ConfigSchema schema : schemas) {
            for (ValidationMessage message : schema.compiled().validate(data)) {
                Violation violation = describe(message, schema, sourceOf);
                violations.putIfAbsent(violation.message(), violation);
            }
        }
        List<Violation> sorted = new ArrayList<>(violations.values());
        sorted.sort(Comparator.comparing(Violation::keyPath).thenComparing(Violation::message));
        return sorted;
    }

    private static Violation describe(ValidationMessage message, ConfigSchema schema,
            Function<String, Optional<String>> sourceOf) {
        String path = keyPath(message.getInstanceLocation());
        String inSchema = " (schema " + schema.origin() + ")";
        switch (message.getType()) {
            case "type" -> {
                return new Violation(path, "Invalid type in config for key '" + path + "'" + in(sourceOf, path)
                        + ", got " + actualType(message.getInstanceNode()) + ", wanted "
                        + expectedType(message.getSchemaNode()) + inSchema);
            }
            case "required", "dependentRequired", "dependencies" -> {
                if (message.getProperty() != null) {
                    String missing = child(path, message.getProperty());
                    return new Violation(missing, "Missing required config value at '" + missing + "'" + inSchema);
                }
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                if (message.getProperty() != null) {
                    String unknown = child(path, message.getProperty());
                    return new Violation(unknown, "Unknown config key '" + unknown + "'" + in(sourceOf, unknown)
                            + "; the schema allows no other keys in " + describe(path) + inSchema);
                }
            }
            default -> {
                // handled below
            }
        }
        return new Violation(path, "Invalid config value for " + describe(path) + in(sourceOf, path) + ": "
                + withoutLocation(message) + inSchema);
    }

    private static String in(Function<String, Optional<String>> sourceOf, String path) {
        if (path.isEmpty()) {
            return "";
        }
        return sourceOf.apply(path).map(source -> " in '" + source + "'").orElse("");
    }

    /** {@code example.list[2].name}: the spelling of the config getters' messages. */
    static String keyPath(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.toString();
    }

    private static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the top level" : "key '" + path + "'";
    }

    private static String actualType(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? "empty-string" : "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    /** The {@code type} keyword's value, which the message's schema node is or holds. */
    private static String expectedType(JsonNode schemaNode) {
        JsonNode type = schemaNode != null && schemaNode.isObject() ? schemaNode.get("type") : schemaNode;
        if (type == null) {
            return "another type";
        }
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            return names.stream().collect(Collectors.joining(" or "));
        }
        return type.asText();
    }

    /** The library's sentence without the "$.a.b: " it starts with. */
    private static String withoutLocation(ValidationMessage message) {
        String text = message.getMessage();
        String prefix = message.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
