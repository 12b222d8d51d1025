package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/** Where a plugin's HTTP API is reachable. */
@ProviderType
public interface DiscoveryService {

    /** The URL other backend instances use, e.g. {@code http://localhost:7007/api/catalog}. */
    String getBaseUrl(String pluginId);

    /** The URL callers outside the backend use. */
    String getExternalBaseUrl(String pluginId);
}
