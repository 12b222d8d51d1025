package dev.backline.runtime.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.RootInstanceMetadataService.InstalledPlugin;
import dev.backline.plugin.api.services.RootSystemMetadataService;
import dev.backline.plugin.api.services.RootSystemMetadataService.PluginInfo;
import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;

/** The system's plugins: those discovery routes elsewhere, then this backend's own, each once. */
class DefaultRootSystemMetadataTest {

    @Test
    void theEndpointsPluginsComeFirstThenThisBackendsEachOnce() {
        DefaultRootSystemMetadata metadata = new DefaultRootSystemMetadata(ConfigReader.of(Map.of("discovery", Map.of(
                "endpoints", List.of(
                        Map.of("target", "http://search-host/api/{{pluginId}}", "plugins", List.of("search", "techdocs")),
                        Map.of("target", "http://catalog-host/api/{{pluginId}}", "plugins", List.of("catalog")))))),
                () -> List.of(new InstalledPlugin("catalog", List.of()), new InstalledPlugin("todo", List.of("audit"))));

        assertEquals(List.of(new PluginInfo("search"), new PluginInfo("techdocs"), new PluginInfo("catalog"),
                new PluginInfo("todo")), metadata.getInstalledPlugins());
    }

    @Test
    void aBackendProvidesItAsARootService() {
        Backend backend = Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(Map.of("discovery", Map.of("endpoints", List.of(
                        Map.of("target", "http://elsewhere/api/{{pluginId}}", "plugins", List.of("search"))))), "test")))
                .add(BackendPlugin.create("todo", env -> env.registerInit(List.of(CoreServices.ROOT_SYSTEM_METADATA), deps -> { })))
                .build();
        backend.start();
        try {
            RootSystemMetadataService metadata = backend.rootService(CoreServices.ROOT_SYSTEM_METADATA);
            assertEquals(List.of(new PluginInfo("search"), new PluginInfo("todo")), metadata.getInstalledPlugins());
        } finally {
            backend.stop();
        }
    }
}
