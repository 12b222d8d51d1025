package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/** The whole backend's configuration. */
@ProviderType
public interface RootConfigService extends ConfigService {
}
