package dev.backline.plugin.api;

/** How many instances of a service exist. */
public enum ServiceScope {
    /** One instance for the whole backend; may depend only on other root services. */
    ROOT,
    /** One instance per plugin, shared by the plugin and its modules. */
    PLUGIN;

    /** The lower-case name Backstage uses ({@code root}, {@code plugin}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
