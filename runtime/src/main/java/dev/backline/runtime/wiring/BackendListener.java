package dev.backline.runtime.wiring;

/**
 * Told about state changes, so the OSGi host can hold or release a plugin's HTTP routes and the shell
 * can show what is happening. Called on the thread making the change; keep it quick.
 */
public interface BackendListener {

    default void backendStateChanged(BackendState state) {
    }

    default void pluginStateChanged(String pluginId, PluginState state) {
    }
}
