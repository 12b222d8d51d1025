package dev.backline.runtime.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSourceConfigSchemasTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"todo\":{\"type\":\"object\"}}}";

    @TempDir
    Path dir;

    @Test
    void readsTheSchemaAtTheRootOfAJarOrADirectory() throws IOException {
        Path jar = dir.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(CodeSourceConfigSchemas.ENTRY));
            out.write(SCHEMA.getBytes(StandardCharsets.UTF_8));
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve(CodeSourceConfigSchemas.ENTRY), SCHEMA);

        assertEquals(1, CodeSourceConfigSchemas.read(jar).size());
        assertEquals(1, CodeSourceConfigSchemas.read(classes).size());
    }

    @Test
    void noSchemaIsNone() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("a/B.class"));
        }

        assertTrue(CodeSourceConfigSchemas.read(jar).isEmpty());
        assertTrue(CodeSourceConfigSchemas.read(Files.createDirectories(dir.resolve("none"))).isEmpty());
    }

    @Test
    void aBrokenSchemaIsNamedWithItsLocation() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(classes.resolve(CodeSourceConfigSchemas.ENTRY), "{ not json");

        RuntimeException error = assertThrows(RuntimeException.class, () -> CodeSourceConfigSchemas.read(classes));

        assertTrue(error.getMessage().contains(classes.toString()), error.getMessage());
    }
}
