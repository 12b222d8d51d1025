package dev.backline.host.osgi;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import dev.backline.runtime.config.ConfigLoader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.ConfigurableRootLogger;
import dev.backline.runtime.logging.LogFormat;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

/** Loads the root configuration for the host, turning a file that cannot be read into one message. */
final class RootConfiguration {

    /** The configuration, or why there is none. */
    record Loaded(Optional<DefaultRootConfigService> root, Optional<String> failure) {
    }

    private RootConfiguration() {
    }

    /**
     * @param named the files of {@code backline.config} (comma-separated), or null for {@code app-config.yaml}
     *              (+ local) in the working directory, or built-in defaults without it
     */
    static Loaded load(String named, LoggerService logger) {
        try {
            if (named == null || named.isBlank()) {
                return new Loaded(Optional.of(DefaultRootConfigService.loadOrDefaults(Path.of(""), logger)), Optional.empty());
            }
            return new Loaded(Optional.of(DefaultRootConfigService.load(ConfigLoader.builder()
                    .configFiles(Arrays.stream(named.split(",")).map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).toList())
                    .build())), Optional.empty());
        } catch (RuntimeException e) {
            return new Loaded(Optional.empty(), Optional.of("Configuration could not be loaded: " + e.getMessage()));
        }
    }

    /**
     * Applies {@code backend.logger.level} and {@code .format} to the log output at once, so that every line
     * from now on follows them (Jetty's start included), not only those after the backend has started.
     *
     * @return why not, for a value that is not a level or a format
     */
    static Optional<String> applyLogging(DefaultRootConfigService root, ConfigurableRootLogger logger) {
        try {
            root.getOptionalString("backend.logger.level").map(LogLevel::parse).ifPresent(logger::setLevel);
            root.getOptionalString("backend.logger.format").map(LogFormat::parse).ifPresent(logger::setFormat);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("Configuration could not be used: " + e.getMessage());
        }
    }

    /**
     * Why {@code backend.listen}, {@code backend.cors} or {@code backend.server} cannot be used, if they cannot
     * (a port that is no number, say).
     */
    static Optional<String> checkListen(DefaultRootConfigService root) {
        try {
            ListenAddress.of(root);
            dev.backline.runtime.http.HttpEdgeSettings.from(root);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("Configuration could not be used: " + e.getMessage());
        }
    }

    /** {@code backend.listen} if it can be used, else {@link #fallbackListenAddress()}. */
    static ListenAddress listenOrFallback(DefaultRootConfigService root) {
        try {
            return ListenAddress.of(root);
        } catch (RuntimeException e) {
            return fallbackListenAddress();
        }
    }

    /**
     * Where to listen when the configuration could not be loaded: {@code APP_CONFIG_backend_listen_*} if the
     * environment sets them (and can be read), else the default port on every interface.
     */
    static ListenAddress fallbackListenAddress() {
        try {
            return ListenAddress.of(DefaultRootConfigService.load(ConfigLoader.builder().environmentOnly().build()));
        } catch (RuntimeException e) {
            return new ListenAddress(Optional.empty(), ListenAddress.DEFAULT_PORT);
        }
    }
}
