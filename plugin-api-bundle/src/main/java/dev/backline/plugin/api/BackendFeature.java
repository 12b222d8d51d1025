package dev.backline.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit that can be added to a backend: a {@link BackendPlugin} or a {@link BackendModule}, nothing else.
 */
@ConsumerType
public sealed interface BackendFeature permits BackendPlugin, BackendModule {

    /** The id of the plugin this feature is, or extends. */
    String pluginId();

    /**
     * Declares what this feature provides and needs. Called once, before any service exists: it may
     * call {@link Registrar#registerExtensionPoint} any number of times and must call
     * {@link Registrar#registerInit} exactly once.
     */
    void register(Registrar registrar);
}
