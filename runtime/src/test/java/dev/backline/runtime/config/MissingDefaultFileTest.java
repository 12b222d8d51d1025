package dev.backline.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingDefaultFileTest {

    @TempDir
    Path dir;

    @Test
    void environmentOverridesApplyWithoutAnAppConfigFile() {
        ConfigReader config = ConfigLoader.builder().baseDirectory(dir).allowMissingDefaultFile()
                .environment(Map.of("APP_CONFIG_backend_database", "{\"client\":\"pg\",\"connection\":{\"port\":5432}}"))
                .build().load();

        assertEquals("pg", config.getString("backend.database.client"));
        assertEquals(5432, config.getInt("backend.database.connection.port"));
    }

    @Test
    void nothingAtAllGivesAnEmptyConfiguration() {
        ConfigReader config = ConfigLoader.builder().baseDirectory(dir).allowMissingDefaultFile()
                .environment(Map.of()).build().load();

        assertFalse(config.has("backend"));
    }

    @Test
    void withoutTheOptionAMissingFileIsStillAnError() {
        assertThrows(ConfigLoadException.class,
                () -> ConfigLoader.builder().baseDirectory(dir).environment(Map.of()).build().load());
    }
}
