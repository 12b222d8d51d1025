package dev.backline.events.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.config.ConfigReader;

/** Whether the events plugin shares events: the client its database configuration names, read as the database reads it. */
class EventsPluginTest {

    @Test
    void theBackendsOrTheEventsPluginsOwnClientNamesPostgresInAnySpelling() {
        assertFalse(EventsPlugin.namesPostgres(ConfigReader.empty()), "nothing configured is H2");
        assertFalse(EventsPlugin.namesPostgres(ConfigReader.of(Map.of("backend", Map.of("database", Map.of("client", "h2"))))));
        assertTrue(EventsPlugin.namesPostgres(ConfigReader.of(Map.of("backend", Map.of("database", Map.of("client", " PG "))))));
        assertTrue(EventsPlugin.namesPostgres(ConfigReader.of(Map.of("backend", Map.of("database", Map.of("client", "postgresql"))))));
        assertTrue(EventsPlugin.namesPostgres(ConfigReader.of(Map.of("backend", Map.of("database", Map.of("client", "h2",
                "plugin", Map.of("events", Map.of("client", "Postgres"))))))), "the plugin's own client wins");
        assertFalse(EventsPlugin.namesPostgres(ConfigReader.of(Map.of("backend", Map.of("database", Map.of("client", "pg",
                "plugin", Map.of("events", Map.of("client", "h2"))))))));
    }
}
