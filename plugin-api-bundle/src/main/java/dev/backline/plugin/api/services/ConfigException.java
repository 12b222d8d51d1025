package dev.backline.plugin.api.services;

/**
 * A configuration value is missing, or not of the type that was asked for. The message names the full
 * key path and, for a type mismatch, the expected and the actual type.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String keyPath;

    public ConfigException(String keyPath, String message) {
        super(message);
        this.keyPath = keyPath;
    }

    public ConfigException(String keyPath, String message, Throwable cause) {
        super(message, cause);
        this.keyPath = keyPath;
    }

    /** The full key path the error is about, from the root of the configuration. */
    public String keyPath() {
        return keyPath;
    }
}
