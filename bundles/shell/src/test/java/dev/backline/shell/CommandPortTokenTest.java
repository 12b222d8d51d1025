package dev.backline.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandPortTokenTest {

    @TempDir
    Path directory;

    @Test
    void theTokenFileIsReadableByItsOwnerOnlyAndHoldsWhatTheTokenAccepts() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = directory.resolve("data/shell.token");
        try (CommandPortToken token = CommandPortToken.create(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String content = Files.readString(file);
            assertTrue(token.accepts(content), "the file's content, with its newline, is accepted");
            assertTrue(content.strip().length() >= 40, "at least 32 random bytes: " + content);
        }
    }

    @Test
    void anythingButTheTokenIsRefused() throws IOException {
        try (CommandPortToken token = CommandPortToken.create(directory.resolve("shell.token"))) {
            String content = Files.readString(token.file()).strip();
            assertFalse(token.accepts(null));
            assertFalse(token.accepts(""));
            assertFalse(token.accepts("backline:plugins"));
            assertFalse(token.accepts(content.substring(1)));
            assertFalse(token.accepts(content + "x"));
        }
    }

    @Test
    void everyStartWritesANewTokenAndClosingRemovesTheFile() throws IOException {
        Path file = directory.resolve("shell.token");
        String first;
        try (CommandPortToken token = CommandPortToken.create(file)) {
            first = Files.readString(file);
        }
        assertFalse(Files.exists(file), "closed: no stale token left behind");
        try (CommandPortToken token = CommandPortToken.create(file)) {
            assertNotEquals(first, Files.readString(file));
            assertFalse(token.accepts(first), "the previous launch's token no longer works");
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsNamedInTheError() throws IOException {
        Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");
        IOException error = assertThrows(IOException.class, () -> CommandPortToken.create(blocker.resolve("shell.token")));
        assertTrue(error.getMessage().startsWith("Cannot write the command port token to " + blocker.resolve("shell.token")),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("the command port stays closed"), error.getMessage());
    }
}
