package dev.backline.plugin.api;

import java.util.regex.Pattern;

/**
 * The rule that plugin and module ids follow, checked wherever a feature is created or registered.
 */
public final class FeatureIds {

    /** Lower-case letters and digits in words joined by single '-' or '_', starting with a letter. */
    public static final String RULE = "^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$";

    private static final Pattern VALID = Pattern.compile(RULE, Pattern.CASE_INSENSITIVE);

    private FeatureIds() {
    }

    /** True when the id follows {@link #RULE} (case-insensitive). */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** True for a valid id that uses '_', which the stricter convention does not allow. */
    public static boolean usesUnderscore(String id) {
        return isValid(id) && id.indexOf('_') >= 0;
    }

    /**
     * Returns the plugin id, or throws naming the bad id and the rule.
     *
     * @throws IllegalArgumentException when the id is invalid
     */
    public static String requireValidPluginId(String pluginId) {
        if (!isValid(pluginId)) {
            throw new IllegalArgumentException("Invalid plugin id " + quote(pluginId)
                    + ": plugin ids must match " + RULE + " (case-insensitive)");
        }
        return pluginId;
    }

    /**
     * Returns the module id, or throws naming the bad id, its plugin and the rule.
     *
     * @throws IllegalArgumentException when the id is invalid
     */
    public static String requireValidModuleId(String pluginId, String moduleId) {
        if (!isValid(moduleId)) {
            throw new IllegalArgumentException("Invalid module id " + quote(moduleId) + " for plugin "
                    + quote(pluginId) + ": module ids must match " + RULE + " (case-insensitive)");
        }
        return moduleId;
    }

    private static String quote(String id) {
        return id == null ? "null" : "'" + id + "'";
    }
}
