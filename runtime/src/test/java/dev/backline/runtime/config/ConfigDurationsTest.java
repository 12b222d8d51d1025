package dev.backline.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

class ConfigDurationsTest {

    private static Optional<Duration> read(Object value) {
        return ConfigDurations.read(ConfigReader.of(Map.of("timeout", value)), "timeout");
    }

    @Test
    void readsBackstageUnitObjectsIsoStringsAndShortForms() {
        assertEquals(Duration.ofSeconds(5), read(Map.of("seconds", 5)).orElseThrow());
        assertEquals(Duration.ofMillis(1500), read(Map.of("seconds", 1.5)).orElseThrow());
        assertEquals(Duration.ofMinutes(2).plusMillis(250), read(Map.of("minutes", 2, "milliseconds", 250)).orElseThrow());
        assertEquals(Duration.ofHours(36), read(Map.of("days", 1, "hours", 12)).orElseThrow());
        assertEquals(Duration.ofSeconds(5), read("PT5S").orElseThrow());
        assertEquals(Duration.ofMillis(500), read("500ms").orElseThrow());
        assertEquals(Duration.ofMinutes(2), read(" 2m ").orElseThrow());
        assertEquals(Duration.ofDays(1), read("1d").orElseThrow());
    }

    @Test
    void anAbsentKeyIsEmpty() {
        assertTrue(ConfigDurations.read(ConfigReader.empty(), "backend.lifecycle.startupRequestPauseTimeout").isEmpty());
    }

    @Test
    void anythingElseIsAnErrorNamingTheKeyAndTheAcceptedForms() {
        for (Object bad : new Object[] {"soon", 5, Map.of("fortnights", 1), Map.of("seconds", "5")}) {
            ConfigException error = assertThrows(ConfigException.class, () -> read(bad), String.valueOf(bad));
            assertEquals("timeout", error.keyPath());
            assertTrue(error.getMessage().contains("{seconds: 5}") && error.getMessage().contains("PT5S"), error.getMessage());
        }
    }

    @Test
    void anErrorInANestedConfigNamesTheFullKeyPath() {
        Config catalog = ConfigReader.of(Map.of("catalog", Map.of("refresh", Map.of("timeout", "soon")))).getConfig("catalog");
        ConfigException error = assertThrows(ConfigException.class, () -> catalog.getOptionalDuration("refresh.timeout"));
        assertEquals("catalog.refresh.timeout", error.keyPath());
        assertTrue(error.getMessage().startsWith("Invalid duration in config for key 'catalog.refresh.timeout'"),
                error.getMessage());
    }
}
