package dev.backline.runtime.wiring;

/** Where a plugin is in its life. */
public enum PluginState {
    /** Only modules are known; the plugin itself is not installed. */
    WAITING,
    /** Registered, not started yet. */
    INSTALLED,
    STARTING,
    STARTED,
    /** Its start failed; its routes answer 503. */
    FAILED,
    STOPPING,
    STOPPED,
    /** Neither the plugin nor any module of it is installed any more; the backend has forgotten it. */
    REMOVED
}
