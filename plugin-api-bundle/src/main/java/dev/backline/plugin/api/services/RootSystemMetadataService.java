package dev.backline.plugin.api.services;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the whole system has installed, this backend and the others it knows of: Backstage's
 * {@code coreServices.rootSystemMetadata}. The others are the plugins that {@code discovery.endpoints} routes to other
 * backends.
 *
 * @since 1.4
 */
@ProviderType
public interface RootSystemMetadataService {

    /** A plugin installed somewhere in the system. */
    record PluginInfo(String pluginId) {
        public PluginInfo {
            Objects.requireNonNull(pluginId, "pluginId");
        }
    }

    /** The plugins of {@code discovery.endpoints}, then this backend's own, each once. */
    List<PluginInfo> getInstalledPlugins();
}
