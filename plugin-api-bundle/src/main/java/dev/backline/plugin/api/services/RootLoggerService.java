package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/** The backend's logger, from which every plugin's logger is a child. */
@ProviderType
public interface RootLoggerService extends LoggerService {
}
