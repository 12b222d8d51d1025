package dev.backline.runtime.config.schema;

/** A configuration schema that cannot be found, read or compiled; the message names where it comes from. */
public final class ConfigSchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigSchemaException(String message) {
        super(message);
    }

    public ConfigSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
