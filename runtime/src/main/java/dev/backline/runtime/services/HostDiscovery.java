package dev.backline.runtime.services;

import java.util.List;
import java.util.Optional;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.DiscoveryService;

/**
 * Discovery from configuration, as Backstage's host discovery: {@code <backend.baseUrl>/api/<pluginId>}
 * (base URL default {@code http://localhost:7007}), unless an entry of {@code discovery.endpoints} names
 * the plugin. An entry is {@code {target: <url>, plugins: [ids]}} where the target is one URL or
 * {@code {internal: <url>, external: <url>}}; {@code {{pluginId}}} in a URL is replaced by the id.
 */
public final class HostDiscovery implements DiscoveryService {

    private final Config config;

    public HostDiscovery(Config config) {
        this.config = config;
    }

    @Override
    public String getBaseUrl(String pluginId) {
        return endpoint(pluginId, "internal").orElseGet(() -> baseUrl() + "/api/" + pluginId);
    }

    @Override
    public String getExternalBaseUrl(String pluginId) {
        return endpoint(pluginId, "external").orElseGet(() -> baseUrl() + "/api/" + pluginId);
    }

    private String baseUrl() {
        String url = config.getOptionalString("backend.baseUrl").orElse("http://localhost:7007");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Optional<String> endpoint(String pluginId, String kind) {
        List<Config> endpoints = config.getOptionalConfigArray("discovery.endpoints").orElse(List.of());
        for (Config endpoint : endpoints) {
            if (!endpoint.getStringArray("plugins").contains(pluginId)) {
                continue;
            }
            String target = endpoint.get("target") instanceof String url
                    ? url
                    : endpoint.getConfig("target").getString(kind);
            return Optional.of(target.replace("{{pluginId}}", pluginId).replace("{{ pluginId }}", pluginId));
        }
        return Optional.empty();
    }
}
