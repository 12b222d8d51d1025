package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/** Which plugin a plugin-scoped service instance belongs to. */
@ProviderType
public interface PluginMetadataService {

    String getId();
}
