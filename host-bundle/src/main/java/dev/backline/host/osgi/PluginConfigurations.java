package dev.backline.host.osgi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each plugin's ConfigAdmin configuration {@code backline.plugin.<pluginId>}: what an operator changes
 * there overlays the {@code <pluginId>} subtree of the root configuration in that plugin's view.
 *
 * <p>The host creates the configuration from the subtree (so an operator finds the plugin's settings in
 * ConfigAdmin), and records that seed in the property {@value #SEED_PROPERTY}. Only values that differ
 * from the seed are the operator's: when {@code app-config.yaml} changes between launches, the seeded
 * values follow it, the operator's changes stay. Values at secret paths are never written. A
 * configuration the host did not create (a {@code .cfg} file, say) is the operator's as a whole and is
 * never written to.
 *
 * <p>A change whose values the plugin's configuration schema rejects is refused: the plugin keeps the
 * configuration it has, also across later restarts, until the operator writes a valid one.
 */
final class PluginConfigurations {

    static final String PID_PREFIX = "backline.plugin.";
    /** The seed, as JSON of the subtree's values by dotted key. */
    static final String SEED_PROPERTY = "backline.seed";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks a plugin's view with a candidate overlay; throws naming what is wrong. */
    @FunctionalInterface
    interface Validator {
        void check(String pluginId, Map<String, Object> overlay);
    }

    /** What a ConfigAdmin event means for the plugin. */
    sealed interface Change {
        /** Nothing the plugin sees changed (e.g. the host's own seed came back as an event). */
        record None() implements Change {
        }

        /** The plugin must restart to see the change. */
        record Restart() implements Change {
        }

        /** The change was refused; the plugin keeps what it has. */
        record Refused(String reason) implements Change {
        }
    }

    /** The overlay a plugin started with, and the last refused one with the good one kept instead. */
    private record InForce(Map<String, Object> overlay, Map<String, Object> refused) {
    }

    private final ConfigurationStore store;
    private final Supplier<Set<String>> secretPaths;
    private final Map<String, InForce> inForce = new ConcurrentHashMap<>();

    /**
     * @param secretPaths the dotted key paths (from the root, e.g. {@code example.apiToken}) whose values
     *                    are secret, as the installed schemas say now
     */
    PluginConfigurations(ConfigurationStore store, Supplier<Set<String>> secretPaths) {
        this.store = Objects.requireNonNull(store, "store");
        this.secretPaths = Objects.requireNonNull(secretPaths, "secretPaths");
    }

    static String pid(String pluginId) {
        return PID_PREFIX + pluginId;
    }

    /** The plugin id of a per-plugin configuration PID, or empty for any other PID. */
    static Optional<String> pluginIdOf(String pid) {
        return pid != null && pid.startsWith(PID_PREFIX) && pid.length() > PID_PREFIX.length()
                ? Optional.of(pid.substring(PID_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * The overlay a plugin starts with now: the operator's values, by dotted key relative to the plugin's
     * subtree. Creates the configuration from {@code subtree} if it does not exist, and re-seeds one the
     * host created when the subtree changed since. A refused change stays refused.
     */
    Map<String, Object> overlayForStart(String pluginId, Map<String, Object> subtree) {
        String pid = pid(pluginId);
        Map<String, Object> seed = seedOf(pluginId, subtree);
        Optional<Map<String, Object>> current = store.read(pid);
        Map<String, Object> operator = current.map(this::operatorValues).orElse(Map.of());
        boolean reseed = current.isEmpty() || seedIn(current.get()).filter(old -> !same(old, seed)).isPresent()
                && !store.fileBacked(pid);
        InForce previous = inForce.get(pluginId);
        Map<String, Object> overlay;
        if (previous != null && previous.refused() != null && same(previous.refused(), operator)) {
            overlay = previous.overlay(); // still the refused change: keep the last good one
        } else {
            inForce.put(pluginId, new InForce(operator, null));
            overlay = operator;
        }
        // Written after the overlay is in force: the event of this write then finds nothing changed, instead of
        // restarting the plugin a second time for its own seed.
        if (reseed) {
            store.write(pid, withSeed(seed, operator));
        }
        return overlay;
    }

    /**
     * Classifies a change of the plugin's configuration: nothing the plugin sees, a restart, or refused
     * because {@code validator} rejects the plugin's view with it.
     */
    Change changed(String pluginId, Validator validator) {
        InForce current = inForce.get(pluginId);
        if (current == null) {
            return new Change.None(); // not started yet: its start reads the configuration anyway
        }
        Map<String, Object> operator = store.read(pid(pluginId)).map(this::operatorValues).orElse(Map.of());
        if (same(operator, current.overlay())) {
            if (current.refused() != null) {
                inForce.put(pluginId, new InForce(current.overlay(), null)); // set back to what is in force
            }
            return new Change.None();
        }
        if (current.refused() != null && same(operator, current.refused())) {
            return new Change.None();
        }
        try {
            validator.check(pluginId, operator);
            return new Change.Restart();
        } catch (RuntimeException e) {
            inForce.put(pluginId, new InForce(current.overlay(), operator));
            return new Change.Refused(e.getMessage());
        }
    }

    /** The overlay the plugin runs with, by dotted key; empty before its first start. */
    Map<String, Object> inForce(String pluginId) {
        InForce current = inForce.get(pluginId);
        return current == null ? Map.of() : current.overlay();
    }

    /** Forgets a plugin that is no longer installed. */
    void forget(String pluginId) {
        inForce.remove(pluginId);
    }

    /** The subtree's values by dotted key, without secrets; lists of objects as JSON text. */
    private Map<String, Object> seedOf(String pluginId, Map<String, Object> subtree) {
        Set<String> secrets = secretPaths.get();
        Map<String, Object> flat = new TreeMap<>();
        flatten(pluginId, "", subtree, secrets, flat);
        return flat;
    }

    private static void flatten(String pluginId, String prefix, Map<?, ?> map, Set<String> secrets, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (secrets.contains(pluginId + "." + key)) {
                continue;
            }
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(pluginId, key + ".", nested, secrets, into);
            } else if (value != null) {
                into.put(key, propertyValue(value));
            }
        }
    }

    /** A configuration value as ConfigAdmin can hold it: scalars, arrays of one scalar type, or JSON text. */
    private static Object propertyValue(Object value) {
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return value.toString();
        }
        if (!(value instanceof List<?> list)) {
            return value;
        }
        if (list.stream().allMatch(String.class::isInstance)) {
            return list.toArray(String[]::new);
        }
        if (list.stream().allMatch(Boolean.class::isInstance)) {
            return list.toArray(Boolean[]::new);
        }
        if (list.stream().allMatch(v -> v instanceof Integer || v instanceof Long)) {
            return list.stream().map(v -> ((Number) v).longValue()).toArray(Long[]::new);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A configuration list could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> withSeed(Map<String, Object> seed, Map<String, Object> operator) {
        Map<String, Object> properties = new LinkedHashMap<>(seed);
        operator.forEach((key, value) -> properties.put(key, propertyValue(value)));
        try {
            properties.put(SEED_PROPERTY, JSON.writeValueAsString(comparable(seed)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The configuration seed could not be written as JSON: " + e.getMessage(), e);
        }
        return properties;
    }

    private static Optional<Map<String, Object>> seedIn(Map<String, Object> properties) {
        Object seed = properties.get(SEED_PROPERTY);
        if (!(seed instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text, new TypeReference<Map<String, Object>>() {
            }));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // damaged by hand: the configuration counts as the operator's
        }
    }

    /** The operator's values: all of a configuration the host did not seed, else those that differ from the seed. */
    private Map<String, Object> operatorValues(Map<String, Object> properties) {
        Optional<Map<String, Object>> seed = seedIn(properties);
        Map<String, Object> result = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.equals(SEED_PROPERTY)) {
                return;
            }
            Object seeded = seed.map(s -> s.get(key)).orElse(null);
            if (seed.isEmpty() || seeded == null || !Objects.equals(comparable(seeded), comparable(value))) {
                result.put(key, overlayValue(value, seeded));
            }
        });
        return result;
    }

    /** A property as the plugin's view takes it: arrays as lists, JSON text where the seed had a list of objects. */
    private static Object overlayValue(Object value, Object seeded) {
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        if (value instanceof String text && seeded instanceof String seedText && seedText.startsWith("[")) {
            try {
                return JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                return text;
            }
        }
        return value;
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        return comparable(a).equals(comparable(b));
    }

    /** A form in which equal values are equal whatever their Java types: numbers by value, arrays as lists. */
    private static Object comparable(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Object[] array) {
            return comparable(Arrays.asList(array));
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(comparable(item)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), comparable(item)));
            return sorted;
        }
        return value;
    }
}
