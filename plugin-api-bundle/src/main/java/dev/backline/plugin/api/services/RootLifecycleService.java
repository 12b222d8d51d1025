package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The backend's lifecycle. Stopping runs before-shutdown hooks, then every plugin's shutdown hooks,
 * then the root shutdown hooks.
 */
@ProviderType
public interface RootLifecycleService extends LifecycleService {

    /** Runs first at shutdown, while every plugin is still serving; readiness is already 503. */
    void addBeforeShutdownHook(LifecycleHook hook);
}
