package dev.backline.runtime.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Configuration could not be loaded. The message names where: the file (as the operator named it) with
 * line and column when known, or the environment variable; and the key path when the problem is at a
 * key. It never contains a configuration value.
 */
public final class ConfigLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String keyPath;

    private ConfigLoadException(String message, String source, int line, int column, String keyPath,
            Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.keyPath = keyPath;
    }

    /**
     * A problem in a config file.
     *
     * @param line    1-based, 0 when unknown
     * @param column  1-based, 0 when unknown
     * @param keyPath the full key path, "" for the top level, null when the problem is not at a key
     */
    static ConfigLoadException inFile(String file, int line, int column, String keyPath, String problem,
            Throwable cause) {
        StringBuilder message = new StringBuilder("Failed to read config file '").append(file).append('\'');
        if (line > 0) {
            message.append(", line ").append(line);
            if (column > 0) {
                message.append(", column ").append(column);
            }
        }
        if (keyPath != null) {
            message.append(", at ").append(KeyPaths.describe(keyPath));
        }
        message.append(": ").append(problem);
        return new ConfigLoadException(message.toString(), file, line, column, keyPath, cause);
    }

    static ConfigLoadException inFile(String file, int line, String keyPath, String problem) {
        return inFile(file, line, 0, keyPath, problem, null);
    }

    /** A problem with an {@code APP_CONFIG_...} environment variable. */
    static ConfigLoadException inEnvironment(String variable, String keyPath, String problem) {
        String message = "Failed to read config from environment variable " + variable
                + (keyPath != null ? ", at " + KeyPaths.describe(keyPath) : "") + ": " + problem;
        return new ConfigLoadException(message, "env " + variable, 0, 0, keyPath, null);
    }

    /** The file as named in the message, or {@code env APP_CONFIG_...}. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** The full key path the problem is at ("" for the top level), when it is at one. */
    public Optional<String> keyPath() {
        return Optional.ofNullable(keyPath);
    }
}
