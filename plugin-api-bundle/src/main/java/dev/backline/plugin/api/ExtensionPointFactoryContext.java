package dev.backline.plugin.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Given to an {@link ExtensionPointFactory} for each consuming module.
 */
@ProviderType
public interface ExtensionPointFactoryContext {

    /** The plugin both the owner and the consuming module belong to. */
    String pluginId();

    /** The consuming module. */
    String moduleId();

    /**
     * Records a failure against the consuming module, for example when what it registered turns out
     * to be invalid during the plugin's init. The module boot-failure policy then applies to it.
     */
    void reportModuleStartupFailure(Throwable error);
}
