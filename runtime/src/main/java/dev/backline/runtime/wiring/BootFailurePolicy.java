package dev.backline.runtime.wiring;

import java.util.Optional;

import dev.backline.plugin.api.services.Config;

/**
 * Whether a plugin's or module's startup failure is allowed ({@code continue}) or fails the backend
 * start ({@code abort}, the default), from {@code backend.startup}:
 * <ul>
 * <li>{@code backend.startup.default.onPluginBootFailure} and {@code .onPluginModuleBootFailure};</li>
 * <li>{@code backend.startup.plugins.<pluginId>.onPluginBootFailure};</li>
 * <li>{@code backend.startup.plugins.<pluginId>.modules.<moduleId>.onPluginModuleBootFailure}.</li>
 * </ul>
 * Plugin and module settings are independent; ids are case-sensitive.
 */
final class BootFailurePolicy {

    private final Optional<Config> config;

    /** With {@code config} null (no root config service), every failure aborts. */
    BootFailurePolicy(Config config) {
        this.config = Optional.ofNullable(config);
    }

    boolean pluginFailureAllowed(String pluginId) {
        return read("backend.startup.plugins", pluginId, "onPluginBootFailure")
                .or(() -> read("backend.startup", "default", "onPluginBootFailure"))
                .orElse(false);
    }

    boolean moduleFailureAllowed(String pluginId, String moduleId) {
        Optional<Boolean> perModule = config.flatMap(c -> c.getOptionalConfig("backend.startup.plugins"))
                .flatMap(plugins -> child(plugins, pluginId))
                .flatMap(plugin -> plugin.getOptionalConfig("modules"))
                .flatMap(modules -> child(modules, moduleId))
                .flatMap(module -> parse(module, "onPluginModuleBootFailure",
                        "backend.startup.plugins." + pluginId + ".modules." + moduleId));
        return perModule.or(() -> read("backend.startup", "default", "onPluginModuleBootFailure")).orElse(false);
    }

    // Looks the id up as a key, not as a dotted path, so ids are matched exactly.
    private Optional<Boolean> read(String parentPath, String id, String key) {
        return config.flatMap(c -> c.getOptionalConfig(parentPath))
                .flatMap(parent -> child(parent, id))
                .flatMap(node -> parse(node, key, parentPath + "." + id));
    }

    private static Optional<Config> child(Config parent, String key) {
        return parent.keys().contains(key) ? parent.getOptionalConfig(key) : Optional.empty();
    }

    private static Optional<Boolean> parse(Config node, String key, String path) {
        return node.getOptionalString(key).map(value -> switch (value) {
            case "continue" -> true;
            case "abort" -> false;
            default -> throw new WiringException("Invalid value '" + value + "' for config key '" + path + "." + key
                    + "'; expected 'abort' or 'continue'");
        });
    }
}
