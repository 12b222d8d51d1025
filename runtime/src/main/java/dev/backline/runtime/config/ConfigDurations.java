package dev.backline.runtime.config;

import java.time.Duration;
import java.util.Optional;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/**
 * Reads durations as Backstage writes them, through {@link Config#getOptionalDuration}: an object of units
 * ({@code {seconds: 5}}), an ISO-8601 string ({@code PT5S}), or a short string ({@code 500ms}, {@code 5s}).
 */
public final class ConfigDurations {

    private ConfigDurations() {
    }

    /**
     * @throws ConfigException naming the key path and the accepted forms when the value is not a duration
     */
    public static Optional<Duration> read(Config config, String key) {
        return config.getOptionalDuration(key);
    }
}
