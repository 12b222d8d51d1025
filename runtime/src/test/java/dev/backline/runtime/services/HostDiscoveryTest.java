package dev.backline.runtime.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.config.ConfigReader;
import dev.backline.plugin.api.services.ConfigException;

class HostDiscoveryTest {

    @Test
    void defaultsToLocalhost7007WithTheApiPrefix() {
        HostDiscovery discovery = new HostDiscovery(ConfigReader.empty());
        assertEquals("http://localhost:7007/api/catalog", discovery.getBaseUrl("catalog"));
        assertEquals("http://localhost:7007/api/catalog", discovery.getExternalBaseUrl("catalog"));
    }

    @Test
    void usesBackendBaseUrlWithoutDoublingTheSlash() {
        HostDiscovery discovery = new HostDiscovery(ConfigReader.of(Map.of("backend", Map.of("baseUrl", "https://b.example/"))));
        assertEquals("https://b.example/api/search", discovery.getBaseUrl("search"));
    }

    @Test
    void endpointsOverrideTheBaseUrlForTheirPluginsWithInternalAndExternalTargets() {
        HostDiscovery discovery = new HostDiscovery(ConfigReader.of(Map.of(
                "backend", Map.of("baseUrl", "http://backend:7007"),
                "discovery", Map.of("endpoints", List.of(
                        Map.of("target", "http://catalog-host/api/{{pluginId}}", "plugins", List.of("catalog")),
                        Map.of("target", Map.of("internal", "http://internal/{{ pluginId }}", "external", "https://public/{{pluginId}}"),
                                "plugins", List.of("search", "techdocs")))))));
        assertEquals("http://catalog-host/api/catalog", discovery.getBaseUrl("catalog"));
        assertEquals("http://catalog-host/api/catalog", discovery.getExternalBaseUrl("catalog"));
        assertEquals("http://internal/techdocs", discovery.getBaseUrl("techdocs"));
        assertEquals("https://public/search", discovery.getExternalBaseUrl("search"));
        assertEquals("http://backend:7007/api/other", discovery.getBaseUrl("other"));
    }

    @Test
    void anEndpointWithoutPluginsIsAnErrorNamingTheKeyPath() {
        HostDiscovery discovery = new HostDiscovery(ConfigReader.of(Map.of("discovery", Map.of("endpoints",
                List.of(Map.of("target", "http://x"))))));
        ConfigException error = assertThrows(ConfigException.class, () -> discovery.getBaseUrl("catalog"));
        assertEquals("discovery.endpoints[0].plugins", error.keyPath());
    }
}
