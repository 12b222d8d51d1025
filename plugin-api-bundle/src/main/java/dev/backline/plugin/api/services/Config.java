package dev.backline.plugin.api.services;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to configuration. Keys are dot-separated paths relative to this config
 * ({@code backend.listen.port}). A getter that finds a value of the wrong type throws a
 * {@link ConfigException} naming the full key path, the expected and the actual type; a required
 * getter that finds nothing throws one naming the missing key path.
 *
 * <p>Values are plain Java data: {@code Map<String, Object>}, {@code List<Object>}, {@code String},
 * {@code Number} and {@code Boolean}.
 */
@ProviderType
public interface Config {

    /** True when a value exists at {@code key}. */
    boolean has(String key);

    /** The keys of this config object. */
    Set<String> keys();

    /** The whole value of this config, as plain Java data. */
    Object get();

    /** The value at {@code key}, as plain Java data. */
    Object get(String key);

    Optional<Object> getOptional(String key);

    Config getConfig(String key);

    Optional<Config> getOptionalConfig(String key);

    List<Config> getConfigArray(String key);

    Optional<List<Config>> getOptionalConfigArray(String key);

    String getString(String key);

    Optional<String> getOptionalString(String key);

    List<String> getStringArray(String key);

    Optional<List<String>> getOptionalStringArray(String key);

    /** A number; numeric strings ({@code "7007"}) are accepted, as environment overrides produce them. */
    double getNumber(String key);

    Optional<Double> getOptionalNumber(String key);

    /** A whole number that fits an {@code int}. */
    int getInt(String key);

    Optional<Integer> getOptionalInt(String key);

    /** A boolean; the strings {@code "true"} and {@code "false"} are accepted. */
    boolean getBoolean(String key);

    Optional<Boolean> getOptionalBoolean(String key);

    /**
     * A duration as Backstage writes them: an object of units ({@code {seconds: 5}}, also {@code milliseconds},
     * {@code minutes}, {@code hours}, {@code days}), an ISO-8601 string ({@code PT5S}), or a short string
     * ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}). Backstage's {@code readDurationFromConfig}.
     *
     * @throws ConfigException naming the key path and the accepted forms when the value is not a duration
     * @since 1.4
     */
    default Optional<java.time.Duration> getOptionalDuration(String key) {
        return ConfigDurationValues.parse(getOptional(key), key);
    }
}
