package dev.backline.itest.launch.bundles.lib;

/** A library bundle's class, for plugins that import its package. */
public final class Greeting {

    private Greeting() {
    }

    public static String of(String pluginId) {
        return "greeting for " + pluginId;
    }
}
