package dev.backline.runtime.config;

import dev.backline.plugin.api.services.ConfigException;

/** The reader's error messages, worded as Backstage's ConfigReader words them. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    static ConfigException missing(String fullKey) {
        return new ConfigException(fullKey, "Missing required config value at '" + fullKey + "'");
    }

    /** The message names the actual type only, never the value: it may be a secret. */
    static ConfigException type(String fullKey, String context, Object actual, String expected) {
        return new ConfigException(fullKey, "Invalid type in config for key '" + fullKey + "' in '" + context
                + "', got " + PlainData.typeOf(actual) + ", wanted " + expected);
    }

    /** {@code expected} carries its article: "a number", "an int". */
    static ConfigException convert(String fullKey, String context, String expected) {
        return new ConfigException(fullKey, "Unable to convert config value for key '" + fullKey + "' in '"
                + context + "' to " + expected);
    }

    static ConfigException invalidKey(String fullKey) {
        return new ConfigException(fullKey, "Invalid config key '" + fullKey
                + "': key paths are dot-separated and no segment may be empty");
    }
}
