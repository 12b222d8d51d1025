package dev.backline.runtime.config;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.backline.plugin.api.services.RootConfigService;

/**
 * The backend's root configuration. It changes when the host hands it a new configuration
 * ({@link #update}) or reloads it from its source ({@link #reload}); subscribers are then notified.
 * Thread-safe.
 */
public final class DefaultRootConfigService extends SnapshotConfigService implements RootConfigService {

    private final Supplier<ConfigReader> source;

    /** A root config fed by {@link #update} only; {@link #reload} keeps it as it is. */
    public DefaultRootConfigService(ConfigReader initial) {
        this(() -> initial, LOG_LISTENER_FAILURE);
    }

    /**
     * Loads the configuration from {@code source} now, and again on each {@link #reload}.
     *
     * @param source            typically {@code loader::load}
     * @param onListenerFailure told about each subscriber that threw
     */
    public DefaultRootConfigService(Supplier<ConfigReader> source, Consumer<Exception> onListenerFailure) {
        super(Objects.requireNonNull(source.get(), "the config source returned null"), onListenerFailure);
        this.source = source;
    }

    public static DefaultRootConfigService load(ConfigLoader loader) {
        return new DefaultRootConfigService(loader::load, LOG_LISTENER_FAILURE);
    }

    /**
     * The configuration from {@code app-config.yaml} (+ local) in {@code directory} and the {@code APP_CONFIG_}
     * environment variables. Without an {@code app-config.yaml} there, a warning says the backend runs on
     * the built-in defaults plus whatever the environment sets. A file that exists but is broken is still
     * an error.
     */
    public static DefaultRootConfigService loadOrDefaults(java.nio.file.Path directory,
            dev.backline.plugin.api.services.LoggerService logger) {
        if (!java.nio.file.Files.exists(directory.resolve(ConfigLoader.DEFAULT_FILE))) {
            logger.warn("No " + ConfigLoader.DEFAULT_FILE + " in " + directory.toAbsolutePath()
                    + "; running on built-in defaults and APP_CONFIG_ environment variables");
            return load(ConfigLoader.builder().baseDirectory(directory).allowMissingDefaultFile().build());
        }
        return load(ConfigLoader.builder().baseDirectory(directory).build());
    }

    /**
     * Makes {@code next} the configuration; subscribers are notified when its content differs.
     *
     * @return whether the content changed
     */
    public boolean update(ConfigReader next) {
        return replace(next);
    }

    /**
     * Loads the configuration again from the source this service was made with. If loading fails, the
     * current configuration stays and the error is thrown.
     *
     * @return whether the content changed
     * @throws ConfigLoadException from the loader
     */
    public boolean reload() {
        return replace(Objects.requireNonNull(source.get(), "the config source returned null"));
    }

    @Override
    public String toString() {
        return "DefaultRootConfigService{" + snapshot() + "}";
    }
}
