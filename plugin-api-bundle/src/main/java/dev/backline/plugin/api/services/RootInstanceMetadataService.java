package dev.backline.plugin.api.services;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What this backend instance has installed. */
@ProviderType
public interface RootInstanceMetadataService {

    /** A plugin and the ids of its modules. */
    record InstalledPlugin(String pluginId, List<String> moduleIds) {
        public InstalledPlugin {
            moduleIds = List.copyOf(moduleIds);
        }
    }

    /** Every installed plugin, with its modules; modules whose plugin is absent are not listed. */
    List<InstalledPlugin> getInstalledPlugins();
}
