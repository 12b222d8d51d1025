package dev.backline.database.settings;

import dev.backline.plugin.api.services.ConfigException;

/** {@code backend.database} configuration that cannot be used; the message names the key path and the plugin. */
public final class DatabaseSettingsException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public DatabaseSettingsException(String keyPath, String message) {
        super(keyPath, message);
    }
}
