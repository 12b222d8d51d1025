package dev.backline.runtime.services;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.RootInstanceMetadataService;
import dev.backline.plugin.api.services.RootSystemMetadataService;

/**
 * {@code core.rootSystemMetadata}: the plugins {@code discovery.endpoints} routes to other backends, read at each
 * call (the configuration may change), then this backend's installed plugins.
 */
final class DefaultRootSystemMetadata implements RootSystemMetadataService {

    private final Config config;
    private final RootInstanceMetadataService instance;

    DefaultRootSystemMetadata(Config config, RootInstanceMetadataService instance) {
        this.config = config;
        this.instance = instance;
    }

    @Override
    public List<PluginInfo> getInstalledPlugins() {
        Set<String> plugins = new LinkedHashSet<>();
        for (Config endpoint : config.getOptionalConfigArray("discovery.endpoints").orElse(List.of())) {
            plugins.addAll(endpoint.getStringArray("plugins"));
        }
        instance.getInstalledPlugins().forEach(plugin -> plugins.add(plugin.pluginId()));
        return plugins.stream().map(PluginInfo::new).toList();
    }
}
