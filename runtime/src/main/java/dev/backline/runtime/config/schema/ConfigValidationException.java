package dev.backline.runtime.config.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A plugin's configuration violates the schemas of the plugin or its modules. The message names the
 * plugin and has one line per violation (key path, source, expected and actual type); it is that
 * plugin's startup failure.
 */
public final class ConfigValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pluginId;
    private final transient List<ConfigSchemaValidator.Violation> violations;

    public ConfigValidationException(String pluginId, List<ConfigSchemaValidator.Violation> violations) {
        super("Configuration of plugin '" + pluginId + "' does not match its schema ("
                + violations.size() + (violations.size() == 1 ? " violation" : " violations") + "):\n"
                + violations.stream().map(v -> "  " + v.message()).collect(Collectors.joining("\n")));
        this.pluginId = pluginId;
        this.violations = List.copyOf(violations);
    }

    public String pluginId() {
        return pluginId;
    }

    /** Every violation, sorted by key path. */
    public List<ConfigSchemaValidator.Violation> violations() {
        return violations;
    }
}
