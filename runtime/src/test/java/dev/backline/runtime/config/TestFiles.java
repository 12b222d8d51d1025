package dev.backline.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes config files for tests and loads them with a given environment. */
final class TestFiles {

    private TestFiles() {
    }

    /** Writes {@code lines} (joined with newlines) to {@code dir/name}, creating parent directories. */
    static Path write(Path dir, String name, String... lines) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + (lines.length == 0 ? "" : "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Loads the default files of {@code dir}. */
    static ConfigReader load(Path dir, Map<String, String> env) {
        return ConfigLoader.builder().baseDirectory(dir).environment(env).build().load();
    }

    /** Loads the given files (relative to {@code dir}) in order. */
    static ConfigReader load(Path dir, Map<String, String> env, String... files) {
        ConfigLoader.Builder builder = ConfigLoader.builder().baseDirectory(dir).environment(env);
        for (String file : files) {
            builder.configFile(Path.of(file));
        }
        return builder.build().load();
    }

    static List<Object> list(Object... items) {
        return List.of(items);
    }
}
