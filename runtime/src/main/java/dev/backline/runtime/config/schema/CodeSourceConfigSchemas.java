package dev.backline.runtime.config.schema;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import dev.backline.plugin.api.BackendFeature;

/**
 * Reads a feature's configuration schema from where its class was loaded, outside OSGi: {@value #ENTRY} at the root
 * of its jar or class directory ({@code target/classes} in a Maven build), as the host reads it from the bundle.
 * Only that one location counts, never the whole class path, where every plugin's schema has the same name.
 */
public final class CodeSourceConfigSchemas implements ConfigSchemaSource {

    /** The schema's name at the root of the jar or directory. */
    public static final String ENTRY = "config.schema.json";

    private final Map<Path, List<ConfigSchema>> cache = new ConcurrentHashMap<>();

    @Override
    public List<ConfigSchema> schemasOf(BackendFeature feature) {
        Path location = location(feature.getClass());
        return location == null ? List.of() : cache.computeIfAbsent(location, CodeSourceConfigSchemas::read);
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The schema at the root of a jar or class directory; empty when it has none. */
    static List<ConfigSchema> read(Path location) {
        String origin = ENTRY + " of " + location;
        try {
            if (Files.isDirectory(location)) {
                Path schema = location.resolve(ENTRY);
                if (!Files.isRegularFile(schema)) {
                    return List.of();
                }
                try (InputStream in = Files.newInputStream(schema)) {
                    return List.of(ConfigSchema.parse(origin, in));
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                ZipEntry entry = jar.getEntry(ENTRY);
                if (entry == null) {
                    return List.of();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return List.of(ConfigSchema.parse(origin, in));
                }
            }
        } catch (IOException e) {
            throw new ConfigSchemaException("Configuration schema " + origin + " could not be read: " + e, e);
        }
    }
}
