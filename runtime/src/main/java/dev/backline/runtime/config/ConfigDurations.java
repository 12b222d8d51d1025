package dev.backline.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * Reads durations as Backstage writes them: an object of units ({@code {seconds: 5}}, also
 * {@code milliseconds}, {@code minutes}, {@code hours}, {@code days}), an ISO-8601 string
 * ({@code PT5S}), or a short string ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}).
 */
public final class ConfigDurations {

    private static final Pattern SHORT = Pattern.compile("^\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*$");

    private ConfigDurations() {
    }

    /**
     * @throws ConfigException naming the key path and the accepted forms when the value is not a duration
     */
    public static Optional<Duration> read(Config config, String key) {
        Optional<Object> value = config.getOptional(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object raw = value.get();
        if (raw instanceof Map<?, ?> units) {
            Duration total = Duration.ZERO;
            for (Map.Entry<?, ?> unit : units.entrySet()) {
                if (!(unit.getValue() instanceof Number amount)) {
                    throw invalid(key);
                }
                total = total.plus(switch (String.valueOf(unit.getKey())) {
                    case "milliseconds" -> Duration.ofMillis(amount.longValue());
                    case "seconds" -> Duration.ofMillis(Math.round(amount.doubleValue() * 1000));
                    case "minutes" -> Duration.ofSeconds(Math.round(amount.doubleValue() * 60));
                    case "hours" -> Duration.ofMinutes(Math.round(amount.doubleValue() * 60));
                    case "days" -> Duration.ofHours(Math.round(amount.doubleValue() * 24));
                    default -> throw invalid(key);
                });
            }
            return Optional.of(total);
        }
        if (raw instanceof String text) {
            Matcher matcher = SHORT.matcher(text);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return Optional.of(switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            try {
                return Optional.of(Duration.parse(text.trim()));
            } catch (DateTimeParseException e) {
                throw invalid(key);
            }
        }
        throw invalid(key);
    }

    private static ConfigException invalid(String key) {
        return new ConfigException(key, "Invalid duration in config for key '" + key
                + "'; expected an object like {seconds: 5}, an ISO-8601 duration like PT5S, or 500ms / 5s / 2m / 1h / 1d");
    }
}
