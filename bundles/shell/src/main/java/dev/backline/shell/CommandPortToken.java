package dev.backline.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The credential of the command port: a random token written, at every start, to a file only the process
 * owner can read ({@code rw-------}); a client proves it may run commands by sending the file's content as its
 * first line. Whoever can read the file can already read the backend's data directory, so the port gives them
 * nothing new; other local users get nothing.
 */
final class CommandPortToken implements AutoCloseable {

    /** Framework property: where the token is written; {@value #DEFAULT_FILE} (in the working directory) by default. */
    static final String FILE_PROPERTY = "backline.shell.tokenFile";
    static final String DEFAULT_FILE = "data/shell.token";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final byte[] token;

    private CommandPortToken(Path file, byte[] token) {
        this.file = file;
        this.token = token;
    }

    /**
     * Writes a fresh token to {@code file}, replacing any earlier one.
     *
     * @throws IOException naming the file, when it cannot be written or cannot be made readable by its owner only
     */
    static CommandPortToken create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path absolute = file.toAbsolutePath();
        try {
            write(absolute, token);
        } catch (IOException e) {
            throw new IOException("Cannot write the command port token to " + absolute + " (" + e + "); the command port stays closed", e);
        }
        return new CommandPortToken(absolute, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path absolute, String token) throws IOException {
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path written = Files.createTempFile(directory, ".shell-token", ".tmp");
        try {
            restrictToOwner(written);
            Files.writeString(written, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(written, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
            return;
        }
        java.io.File asFile = path.toFile();
        boolean restricted = asFile.setReadable(false, false) && asFile.setReadable(true, true)
                && asFile.setWritable(false, false) && asFile.setWritable(true, true);
        if (!restricted) {
            throw new IOException("Cannot make " + path + " readable by its owner only");
        }
    }

    Path file() {
        return file;
    }

    /** Whether a client's first line is the token; compared in constant time. */
    boolean accepts(String line) {
        return line != null && MessageDigest.isEqual(token, line.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the file, so that a client of a stopped backend is told so rather than refused. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it goes stale; the next start replaces it
        }
    }
}
