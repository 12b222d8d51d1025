package dev.backline.plugin.api.services;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Backstage's duration forms, for {@link Config#getOptionalDuration}. Not API: package private. */
final class ConfigDurationValues {

    private static final Pattern SHORT = Pattern.compile("^\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*$");

    private ConfigDurationValues() {
    }

    /** @param keyPath the key path to name in an error */
    static Optional<Duration> parse(Optional<Object> value, String keyPath) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object raw = value.get();
        if (raw instanceof Map<?, ?> units) {
            Duration total = Duration.ZERO;
            for (Map.Entry<?, ?> unit : units.entrySet()) {
                if (!(unit.getValue() instanceof Number amount)) {
                    throw invalid(keyPath);
                }
                total = total.plus(switch (String.valueOf(unit.getKey())) {
                    case "milliseconds" -> Duration.ofMillis(amount.longValue());
                    case "seconds" -> Duration.ofMillis(Math.round(amount.doubleValue() * 1000));
                    case "minutes" -> Duration.ofSeconds(Math.round(amount.doubleValue() * 60));
                    case "hours" -> Duration.ofMinutes(Math.round(amount.doubleValue() * 60));
                    case "days" -> Duration.ofHours(Math.round(amount.doubleValue() * 24));
                    default -> throw invalid(keyPath);
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
                throw invalid(keyPath);
            }
        }
        throw invalid(keyPath);
    }

    private static ConfigException invalid(String keyPath) {
        return new ConfigException(keyPath, "Invalid duration in config for key '" + keyPath
                + "'; expected an object like {seconds: 5}, an ISO-8601 duration like PT5S, or 500ms / 5s / 2m / 1h / 1d");
    }
}
