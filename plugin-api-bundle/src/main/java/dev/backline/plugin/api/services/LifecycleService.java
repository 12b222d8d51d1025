package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's lifecycle. Hooks of one phase run concurrently. Adding a hook after its phase has run is
 * an error.
 */
@ProviderType
public interface LifecycleService {

    /** Runs after the plugin's init (and its modules') has finished. */
    void addStartupHook(LifecycleHook hook);

    /** Runs when the plugin stops: at backend shutdown, or when the plugin alone is restarted. */
    void addShutdownHook(LifecycleHook hook);
}
