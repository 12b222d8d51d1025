package dev.backline.host.osgi;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import dev.backline.host.config.ConfigLoader;
import dev.backline.host.config.DefaultRootConfigService;
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
}
