package dev.backline.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.backline.runtime.logging.CapturingLogger;

class DefaultConfigLocationTest {

    private final CapturingLogger logger = new CapturingLogger();

    @Test
    void withoutAppConfigTheDefaultsApplyAndAWarningSaysWhere(@TempDir Path dir) {
        DefaultRootConfigService config = DefaultRootConfigService.loadOrDefaults(dir, logger);
        assertEquals(java.util.Set.of(), config.keys());
        assertTrue(logger.contains("No app-config.yaml in " + dir.toAbsolutePath() + "; running on built-in defaults"),
                logger.messages().toString());
    }

    @Test
    void anExistingFileIsReadWithItsLocalOverride(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app-config.yaml"), "backend:\n  listen:\n    port: 7008\n");
        Files.writeString(dir.resolve("app-config.local.yaml"), "backend:\n  listen:\n    port: 7009\n");
        assertEquals(7009, DefaultRootConfigService.loadOrDefaults(dir, logger).getInt("backend.listen.port"));
    }

    @Test
    void aBrokenFileIsStillAnErrorNamingItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app-config.yaml"), "backend:\n  listen: [unclosed\n");
        RuntimeException error = assertThrows(RuntimeException.class, () -> DefaultRootConfigService.loadOrDefaults(dir, logger));
        assertTrue(error.getMessage().contains("app-config.yaml") && error.getMessage().contains("line"), error.getMessage());
    }
}
