package dev.backline.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

    private final Path workingDirectory = Path.of("/srv/backline");

    @Test
    void configurationsLiveUnderTheWorkingDirectoryByDefault() {
        assertEquals(Path.of("/srv/backline/data/config"), LaunchSettings.configAdminDirectory(null, workingDirectory));
    }

    @Test
    void aRelativeDirectoryIsTakenFromTheWorkingDirectoryAndAnAbsoluteOneAsItIs() {
        assertEquals(Path.of("/srv/backline/state/cm"), LaunchSettings.configAdminDirectory("./state/cm", workingDirectory));
        assertEquals(Path.of("/var/lib/backline/cm"), LaunchSettings.configAdminDirectory("/var/lib/backline/cm", workingDirectory));
    }
}
