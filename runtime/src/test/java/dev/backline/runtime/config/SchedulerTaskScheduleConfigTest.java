package dev.backline.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.ConfigException;
import dev.backline.plugin.api.services.SchedulerTaskFrequency;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.plugin.api.services.SchedulerTaskScope;

/** The plugin API's {@code SchedulerTaskSchedule.fromConfig}, on the runtime's config. */
class SchedulerTaskScheduleConfigTest {

    private static SchedulerTaskSchedule read(Map<String, Object> schedule) {
        return SchedulerTaskSchedule.fromConfig(ConfigReader.of(Map.of("catalog", Map.of("schedule", schedule)))
                .getConfig("catalog.schedule"));
    }

    @Test
    void readsBackstagesScheduleForms() {
        assertEquals(new SchedulerTaskSchedule(SchedulerTaskFrequency.every(Duration.ofMinutes(30)), Duration.ofMinutes(3),
                Duration.ZERO, SchedulerTaskScope.GLOBAL), read(Map.of("frequency", Map.of("minutes", 30), "timeout", "3m")));
        assertEquals(new SchedulerTaskSchedule(SchedulerTaskFrequency.cron("0 * * * *"), Duration.ofSeconds(30),
                Duration.ofSeconds(10), SchedulerTaskScope.LOCAL), read(Map.of("frequency", Map.of("cron", "0 * * * *"),
                "timeout", "PT30S", "initialDelay", Map.of("seconds", 10), "scope", "local")));
        assertTrue(read(Map.of("frequency", Map.of("trigger", "manual"), "timeout", "1m")).frequency().isManual());
    }

    @Test
    void errorsNameTheKey() {
        assertEquals("catalog.schedule.timeout", assertThrows(ConfigException.class,
                () -> read(Map.of("frequency", "5m"))).keyPath());
        assertEquals("catalog.schedule.frequency", assertThrows(ConfigException.class,
                () -> read(Map.of("timeout", "5m"))).keyPath());
        assertEquals("catalog.schedule.frequency", assertThrows(ConfigException.class,
                () -> read(Map.of("frequency", "often", "timeout", "5m"))).keyPath());
        ConfigException scope = assertThrows(ConfigException.class,
                () -> read(Map.of("frequency", "5m", "timeout", "5m", "scope", "everywhere")));
        assertTrue(scope.getMessage().contains("'global' or 'local', got 'everywhere'"), scope.getMessage());
    }
}
