package dev.backline.runtime.config.schema;

import java.util.List;

import dev.backline.plugin.api.BackendFeature;

/**
 * Where the configuration schemas of a plugin or module come from. The OSGi host reads them from the
 * feature's bundle; embedding code and tests pass their own.
 */
@FunctionalInterface
public interface ConfigSchemaSource {

    /** No feature has a schema. */
    ConfigSchemaSource NONE = feature -> List.of();

    /**
     * The schemas {@code feature} ships; empty when it has none.
     *
     * @throws ConfigSchemaException when the feature declares a schema that cannot be read or compiled
     */
    List<ConfigSchema> schemasOf(BackendFeature feature);
}
