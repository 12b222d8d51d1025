package dev.backline.itest;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the container logs from now on, inside a test: slf4j-simple writes to {@code System.err}
 * as it is at each call, and the native container shares the test's JVM. {@link #close()} puts the
 * previous stream back.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream previous = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                previous.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                previous.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until a logged line contains {@code fragment}, and returns that line. */
    String await(String fragment) {
        return Await.until("a log line containing \"" + fragment + "\"", () -> text().lines()
                .filter(line -> line.contains(fragment)).findFirst().orElse(null), line -> line != null);
    }

    @Override
    public void close() {
        System.setErr(previous);
    }
}
