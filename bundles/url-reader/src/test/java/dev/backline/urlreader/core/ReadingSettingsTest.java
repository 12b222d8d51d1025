package dev.backline.urlreader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.ConfigException;
import dev.backline.runtime.config.ConfigReader;

class ReadingSettingsTest {

    private static ReadingSettings settings(Map<String, ?> reading) {
        return ReadingSettings.from(ConfigReader.of(Map.of("backend", Map.of("reading", reading))));
    }

    private static void assertRefused(String keyPath, String messagePart, Map<String, ?> reading) {
        ConfigException error = assertThrows(ConfigException.class, () -> settings(reading));
        assertEquals(keyPath, error.keyPath(), error.getMessage());
        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }

    @Test
    void defaultsAreTenMebibytesAndOneMinuteAndNothingAllowed() {
        ReadingSettings defaults = ReadingSettings.from(ConfigReader.of(Map.of()));
        assertEquals(10L * 1024 * 1024, defaults.maxSizeBytes());
        assertEquals(Duration.ofSeconds(60), defaults.timeout());
        assertEquals(List.of(), defaults.allow());

        ReadingSettings set = settings(Map.of("maxSizeBytes", "2048", "timeout", Map.of("seconds", 5)));
        assertEquals(2048, set.maxSizeBytes());
        assertEquals(Duration.ofSeconds(5), set.timeout());
    }

    private static boolean allows(ReadingSettings settings, String url) {
        return settings.allows(URI.create(url));
    }

    @Test
    void rulesMatchLikeBackstagesWithPathPrefixesOnSegmentBoundaries() {
        ReadingSettings settings = settings(Map.of("allow", List.of(
                Map.of("host", "docs.example.com", "paths", List.of("/allowed/", "/team")),
                Map.of("host", "*.Example.org"),
                Map.of("host", "[::1]:8080"),
                Map.of("host", "ports.example.net:8000-8099"))));
        for (String url : List.of("https://docs.example.com/allowed/a", "https://docs.example.com:443/allowed/a",
                "http://DOCS.example.com/allowed/", "https://docs.example.com/team", "https://docs.example.com/team/a",
                "https://a.example.org/", "https://a.b.example.org", "http://[::1]:8080/x", "http://ports.example.net:8099/",
                "https://ports.example.net:8000/")) {
            assertTrue(allows(settings, url), url);
        }
        for (String url : List.of("https://docs.example.com/allowed", "https://docs.example.com/allowed-not/a",
                "https://docs.example.com/teams", "https://docs.example.com:8443/allowed/a",
                "http://docs.example.com:443/allowed/a", "https://docs.example.com", "https://example.org/",
                "https://badexample.org/", "https://a.example.org:8443/", "http://[::1]/x", "http://[::1]:8081/x",
                "https://ports.example.net/", "http://ports.example.net:8100/", "https://docs.example.com.evil.com/allowed/")) {
            assertFalse(allows(settings, url), url);
        }
    }

    @Test
    void invalidValuesAreRefusedNamingTheirKeyPath() {
        assertRefused("backend.reading.allow[1].host", "prod.*.example.com", Map.of("allow", List.of(
                Map.of("host", "example.com"), Map.of("host", "prod.*.example.com"))));
        assertRefused("backend.reading.allow[0].host", "", Map.of("allow", List.of(Map.of("paths", List.of("/a/")))));
        assertRefused("backend.reading.allow[0].host", "port", Map.of("allow", List.of(Map.of("host", "example.com:99999"))));
        assertRefused("backend.reading.allow[0].host", "port", Map.of("allow", List.of(Map.of("host", "example.com:90-80"))));
        assertRefused("backend.reading.allow[0].paths[1]", "docs/", Map.of("allow", List.of(
                Map.of("host", "example.com", "paths", List.of("/ok/", "docs/")))));
        assertRefused("backend.reading.allow", "", Map.of("allow", "example.com"));
        assertRefused("backend.reading.maxSizeBytes", "at least 1", Map.of("maxSizeBytes", 0));
        assertRefused("backend.reading.maxSizeBytes", "whole number", Map.of("maxSizeBytes", 1.5));
        assertRefused("backend.reading.timeout", "backend.reading.timeout", Map.of("timeout", "soon"));
    }
}
