package dev.backline.itest;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Copies {@code System.err} to a file from {@code @Configuration} on, so that a test can read what the
 * container logged while it started. slf4j-simple writes to {@code System.err} as it is at each call and
 * the native container shares this JVM; the probe cannot see this class's instance, but it can read the
 * file, and {@link #uninstall()} puts the previous stream back from either side.
 */
public final class LogTee extends PrintStream {

    private final PrintStream previous;

    private LogTee(PrintStream previous, OutputStream file) {
        super(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                previous.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                previous.write(b, off, len);
                file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                previous.flush();
                file.flush();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        }, true, StandardCharsets.UTF_8);
        this.previous = previous;
    }

    /** Tees {@code System.err} into {@code file} (replacing its content). */
    public static void install(File file) {
        try {
            System.setErr(new LogTee(System.err, new FileOutputStream(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open " + file, e);
        }
    }

    /**
     * Restores the stream the tee replaced, if {@code System.err} is a tee. By class name and through
     * {@link PrintStream#close()}, because the probe loads its own copy of this class.
     */
    public static void uninstall() {
        PrintStream err = System.err;
        if (err.getClass().getName().equals(LogTee.class.getName())) {
            err.close();
        }
    }

    /** Puts the previous stream back and closes the file, never the previous stream. */
    @Override
    public void close() {
        if (System.err == this) {
            System.setErr(previous);
        }
        flush();
        super.close();
    }
}
