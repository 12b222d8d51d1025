package dev.backline.runtime.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * An immutable {@link Config} over plain Java data, with the source of every value.
 *
 * <p>A reader may be a part of a larger configuration ({@link #getConfig}); it then keeps the full key
 * path from the root, so its errors say {@code backend.listen.port}, not {@code port}. Errors name the
 * key path, the source and the types involved, never a value: values may be secrets.
 */
public final class ConfigReader implements Config {

    /** What Backstage's mock config calls its context; used when a caller gives no source. */
    public static final String DEFAULT_SOURCE = "mock-config";

    // Number() in Backstage accepts more (hex, whitespace-only); plain decimals are what config needs.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    private static final ConfigReader EMPTY = new ConfigReader(Map.of(), new ConfigSources(Map.of()));

    private final Map<String, Object> data;
    private final ConfigSources sources;
    private final String prefix;

    /** For already frozen data (see {@link PlainData}) whose provenance is known. */
    ConfigReader(Map<String, Object> frozenData, ConfigSources sources) {
        this(frozenData, sources, "");
    }

    private ConfigReader(Map<String, Object> frozenData, ConfigSources sources, String prefix) {
        this.data = frozenData;
        this.sources = sources;
        this.prefix = prefix;
    }

    public static ConfigReader empty() {
        return EMPTY;
    }

    /**
     * A reader over a copy of {@code data}, every value attributed to {@code source}. Values are plain
     * Java data; nulls are left out.
     *
     * @throws IllegalArgumentException for a key containing '.' or a value of another type
     */
    public static ConfigReader of(Map<String, ?> data, String source) {
        Objects.requireNonNull(source, "source");
        Map<String, Object> frozen = PlainData.freezeObject(data, "");
        return new ConfigReader(frozen, ConfigSources.uniform(frozen, source));
    }

    public static ConfigReader of(Map<String, ?> data) {
        return of(data, DEFAULT_SOURCE);
    }

    /**
     * Readers merged in order, later over earlier (Backstage's rule: objects deeply, anything else replaced); each
     * value keeps the source of the reader it came from.
     */
    public static ConfigReader merge(List<ConfigReader> layers) {
        return ConfigMerger.merge(layers.stream().map(ConfigLayer::of).toList());
    }

    /** The full key path of this reader from the root; empty for the root. */
    public String path() {
        return prefix;
    }

    /**
     * Where the value at {@code key} came from: a file path, {@code env APP_CONFIG_...} or an overlay's
     * name; several, comma-separated, for an object fed by several sources. Empty when no value is there.
     * Unlike the getters, {@code key} may address array elements: {@code list[2]}, {@code items[0].name}.
     */
    public Optional<String> sourceOf(String key) {
        Objects.requireNonNull(key, "key");
        return sources.sourceOf(fullKey(key));
    }

    /** Full key path to source for every leaf value under this reader, in data order. */
    public Map<String, String> sources() {
        return sources.under(prefix);
    }

    @Override
    public boolean has(String key) {
        return read(key).isPresent();
    }

    @Override
    public Set<String> keys() {
        return data.keySet();
    }

    @Override
    public Map<String, Object> get() {
        return data;
    }

    @Override
    public Object get(String key) {
        return read(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    @Override
    public Optional<Object> getOptional(String key) {
        return read(key);
    }

    @Override
    public ConfigReader getConfig(String key) {
        ConfigReader config = readConfig(key);
        if (config == null) {
            throw ConfigErrors.missing(fullKey(key));
        }
        return config;
    }

    @Override
    public Optional<Config> getOptionalConfig(String key) {
        return Optional.ofNullable(readConfig(key));
    }

    private ConfigReader readConfig(String key) {
        Object value = read(key).orElse(null);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw typeError(fullKey(key), value, "object");
        }
        return child(value, fullKey(key));
    }

    @Override
    public List<Config> getConfigArray(String key) {
        return getOptionalConfigArray(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    @Override
    public Optional<List<Config>> getOptionalConfigArray(String key) {
        Optional<List<?>> items = readList(key, "object-array", item -> item instanceof Map<?, ?>);
        return items.map(list -> {
            List<Config> readers = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                readers.add(child(list.get(i), KeyPaths.element(fullKey(key), i)));
            }
            return Collections.unmodifiableList(readers);
        });
    }

    @Override
    public String getString(String key) {
        return getOptionalString(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    /** Like Backstage, an empty string is not a string value ("got empty-string"). */
    @Override
    public Optional<String> getOptionalString(String key) {
        return read(key).map(value -> {
            if (value instanceof String s && !s.isEmpty()) {
                return s;
            }
            throw typeError(fullKey(key), value, "string");
        });
    }

    @Override
    public List<String> getStringArray(String key) {
        return getOptionalStringArray(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    @Override
    public Optional<List<String>> getOptionalStringArray(String key) {
        Optional<List<?>> items = readList(key, "string-array", item -> item instanceof String s && !s.isEmpty());
        return items.map(list -> {
            List<String> strings = new ArrayList<>(list.size());
            list.forEach(item -> strings.add((String) item));
            return Collections.unmodifiableList(strings);
        });
    }

    @Override
    public double getNumber(String key) {
        return getOptionalNumber(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    @Override
    public Optional<Double> getOptionalNumber(String key) {
        return read(key).map(value -> {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            if (value instanceof String s) {
                BigDecimal parsed = parseDecimal(s);
                if (parsed != null) {
                    return parsed.doubleValue();
                }
                throw convertError(fullKey(key), "a number");
            }
            throw typeError(fullKey(key), value, "number");
        });
    }

    @Override
    public int getInt(String key) {
        return getOptionalInt(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    @Override
    public Optional<Integer> getOptionalInt(String key) {
        return read(key).map(value -> {
            BigDecimal decimal;
            if (value instanceof Integer i) {
                return i;
            } else if (value instanceof Long || value instanceof BigInteger) {
                decimal = new BigDecimal(value.toString());
            } else if (value instanceof BigDecimal d) {
                decimal = d;
            } else if (value instanceof Number n) {
                double d = n.doubleValue();
                decimal = Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            } else if (value instanceof String s) {
                decimal = parseDecimal(s);
            } else {
                throw typeError(fullKey(key), value, "number");
            }
            try {
                // intValueExact rejects fractions and anything outside the int range.
                if (decimal != null) {
                    return decimal.stripTrailingZeros().intValueExact();
                }
            } catch (ArithmeticException notAnInt) {
                // reported below
            }
            throw convertError(fullKey(key), "an int");
        });
    }

    @Override
    public boolean getBoolean(String key) {
        return getOptionalBoolean(key).orElseThrow(() -> ConfigErrors.missing(fullKey(key)));
    }

    @Override
    public Optional<Boolean> getOptionalBoolean(String key) {
        return read(key).map(value -> {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s) {
                String word = s.trim().toLowerCase(Locale.ROOT);
                if (word.equals("true") || word.equals("false")) {
                    return Boolean.valueOf(word);
                }
                throw convertError(fullKey(key), "a boolean");
            }
            throw typeError(fullKey(key), value, "boolean");
        });
    }

    /** Names the path and the number of keys only: the values may be secrets. */
    @Override
    public String toString() {
        return "ConfigReader{path='" + prefix + "', keys=" + data.size() + "}";
    }

    /** Same data at the same path with the same provenance. */
    boolean sameContentAs(ConfigReader other) {
        return prefix.equals(other.prefix) && data.equals(other.data) && sources.equals(other.sources);
    }

    private ConfigReader child(Object objectValue, String fullPath) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) objectValue;
        return new ConfigReader(map, sources, fullPath);
    }

    private Optional<List<?>> readList(String key, String expected, java.util.function.Predicate<Object> itemOk) {
        Object value = read(key).orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw typeError(fullKey(key), value, expected);
        }
        for (int i = 0; i < list.size(); i++) {
            if (!itemOk.test(list.get(i))) {
                // Backstage names the offending element ('a.b[2]') with the array's wanted type.
                throw typeError(KeyPaths.element(fullKey(key), i), list.get(i), expected);
            }
        }
        return Optional.of(list);
    }

    private Optional<Object> read(String key) {
        Objects.requireNonNull(key, "key");
        String[] parts = key.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw ConfigErrors.invalidKey(fullKey(key));
            }
        }
        Object value = data;
        String walked = prefix;
        for (String part : parts) {
            if (!(value instanceof Map<?, ?> map)) {
                // Reading through a scalar or array: the value in the way is the error.
                throw typeError(walked, value, "object");
            }
            value = map.get(part);
            walked = KeyPaths.child(walked, part);
            if (value == null) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }

    private String fullKey(String key) {
        return KeyPaths.child(prefix, key);
    }

    private ConfigException typeError(String fullPath, Object value, String expected) {
        return ConfigErrors.type(fullPath, context(fullPath), value, expected);
    }

    private ConfigException convertError(String fullPath, String expected) {
        return ConfigErrors.convert(fullPath, context(fullPath), expected);
    }

    private String context(String fullPath) {
        return sources.sourceOf(fullPath).orElse(DEFAULT_SOURCE);
    }

    private static BigDecimal parseDecimal(String text) {
        String trimmed = text.trim();
        return DECIMAL.matcher(trimmed).matches() ? new BigDecimal(trimmed) : null;
    }

    /** As the API reads durations; an error names the full key path, not the one relative to this config. */
    @Override
    public Optional<java.time.Duration> getOptionalDuration(String key) {
        try {
            return Config.super.getOptionalDuration(key);
        } catch (ConfigException e) {
            String full = fullKey(key);
            throw new ConfigException(full, e.getMessage().replace("'" + key + "'", "'" + full + "'"), e);
        }
    }
}
