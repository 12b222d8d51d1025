package dev.backline.runtime.config.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.SnapshotConfigService;
import dev.backline.runtime.wiring.PluginConfigCheck;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.services.Config;

/**
 * The configuration check run at each plugin start: the plugin's configuration view must satisfy the
 * schemas of the plugin and of its modules. Before validating it hands the values found at the schemas'
 * secret paths to the logger, so no later line (this check's failure included) shows them.
 */
public final class SchemaConfigCheck implements PluginConfigCheck {

    private final ConfigSchemaSource source;
    private final Consumer<Collection<String>> secretValues;

    /**
     * @param source       the schemas of each feature
     * @param secretValues told the secret values of each plugin's configuration, typically
     *                     {@code rootLogger::addRedactions}
     */
    public SchemaConfigCheck(ConfigSchemaSource source, Consumer<Collection<String>> secretValues) {
        this.source = Objects.requireNonNull(source, "source");
        this.secretValues = Objects.requireNonNull(secretValues, "secretValues");
    }

    @Override
    public void check(String pluginId, List<BackendFeature> features, Supplier<Config> config) {
        List<ConfigSchema> schemas = schemasOf(features);
        if (schemas.isEmpty()) {
            return; // leaves the configuration view uncreated, as it was before schemas existed
        }
        Config view = config.get();
        Object data = view == null ? java.util.Map.of() : view.get();
        secretValues.accept(SecretValues.at(data, secretPaths(schemas)));
        List<ConfigSchemaValidator.Violation> violations = ConfigSchemaValidator.validate(schemas, data, sources(view));
        if (!violations.isEmpty()) {
            throw new ConfigValidationException(pluginId, violations);
        }
    }

    /**
     * The secret key paths of every schema of {@code features}. A feature whose schema cannot be read
     * adds none here; its plugin's start reports the problem.
     */
    public Set<String> secretPaths(Collection<? extends BackendFeature> features) {
        Set<String> paths = new TreeSet<>();
        for (BackendFeature feature : features) {
            try {
                source.schemasOf(feature).forEach(schema -> paths.addAll(schema.secretPaths()));
            } catch (ConfigSchemaException e) {
                // reported when the plugin starts
            }
        }
        return paths;
    }

    private List<ConfigSchema> schemasOf(List<BackendFeature> features) {
        List<ConfigSchema> schemas = new ArrayList<>();
        for (BackendFeature feature : features) {
            for (ConfigSchema schema : source.schemasOf(feature)) {
                // A plugin and its modules often share one bundle, hence one schema.
                if (schemas.stream().noneMatch(s -> s.origin().equals(schema.origin()))) {
                    schemas.add(schema);
                }
            }
        }
        return schemas;
    }

    private static Set<String> secretPaths(List<ConfigSchema> schemas) {
        Set<String> paths = new TreeSet<>();
        schemas.forEach(schema -> paths.addAll(schema.secretPaths()));
        return paths;
    }

    private static Function<String, Optional<String>> sources(Config view) {
        if (view instanceof SnapshotConfigService snapshots) {
            return snapshots::sourceOf;
        }
        if (view instanceof ConfigReader reader) {
            return reader::sourceOf;
        }
        return path -> Optional.empty();
    }
}
