package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Configuration that can change while the backend runs.
 */
@ProviderType
public interface ConfigService extends Config {

    /**
     * Calls {@code onChange} after the configuration has changed; read the new values from this
     * service inside it.
     *
     * @return a handle to stop the calls
     */
    Subscription subscribe(Runnable onChange);

    /** Ends a {@link ConfigService#subscribe} subscription. */
    @FunctionalInterface
    interface Subscription {
        void unsubscribe();
    }
}
