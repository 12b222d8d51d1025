package dev.backline.itest.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.backline.itest.Await;
import dev.backline.itest.Http;

/**
 * The executable jar ({@code bndrun/target/backline.jar}) run as a process, as a user runs it: its own
 * working directory with an {@code app-config.yaml} and a {@code deploy/} directory, a free port, standard
 * output and error in files. For what only the whole process shows: signals, exit codes, what is bound,
 * what survives a restart.
 */
public final class LaunchedBackend implements AutoCloseable {

    /** How long a launch may take to answer readiness, and a stop to end. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private Process process;
    private int launches;
    private boolean launcherScript;

    private LaunchedBackend(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /**
     * A fresh working directory under {@code target/launched/<name>} with {@code app-config.yaml} holding
     * {@code yaml} (plus the port and {@link Http#TOKEN} as a static external token), and an empty {@code deploy/}.
     */
    public static LaunchedBackend in(String name, String yaml) {
        try {
            Path directory = Path.of("target", "launched", name).toAbsolutePath();
            deleteRecursively(directory);
            Files.createDirectories(directory.resolve("deploy"));
            int port = freePort();
            Files.writeString(directory.resolve("app-config.yaml"),
                    "backend:\n  listen:\n    port: " + port + "\n  baseUrl: http://127.0.0.1:" + port + "\n"
                            + "  auth:\n    externalAccess:\n      - type: static\n        options:\n          token: "
                            + Http.TOKEN + "\n          subject: itest\n" + yaml);
            return new LaunchedBackend(directory, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LaunchedBackend env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A {@code -D} option of the next launches; a null value removes it. */
    public LaunchedBackend systemProperty(String name, String value) {
        if (value == null) {
            systemProperties.remove(name);
        } else {
            systemProperties.put(name, value);
        }
        return this;
    }

    /**
     * Launches through {@code bin/backline} (the JVM options it ships, then the {@code -D} options as
     * {@code JAVA_OPTS}) instead of {@code java -jar}.
     */
    public LaunchedBackend viaLauncherScript() {
        launcherScript = true;
        return this;
    }

    public Path directory() {
        return directory;
    }

    public Path deploy() {
        return directory.resolve("deploy");
    }

    public int port() {
        return port;
    }

    /** Starts the jar; standard error goes to {@code err-<n>.txt} of the n-th launch. */
    public LaunchedBackend start() {
        launches++;
        List<String> command = new ArrayList<>();
        List<String> options = new ArrayList<>();
        systemProperties.forEach((name, value) -> options.add("-D" + name + "=" + value));
        if (launcherScript) {
            // The module's directory is itest/; the script is the repository's.
            command.add(Path.of("..", "bin", "backline").toAbsolutePath().normalize().toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.add("-jar");
            command.add(jar());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(directory.resolve("out-" + launches + ".txt").toFile())
                .redirectError(directory.resolve("err-" + launches + ".txt").toFile());
        // The test JVM's own APP_CONFIG_ variables (the Pax Exam backends' port) must not reach this one.
        builder.environment().keySet().removeIf(key -> key.startsWith("APP_CONFIG_"));
        builder.environment().putAll(environment);
        if (launcherScript) {
            builder.environment().put("BACKLINE_JAR", jar());
            builder.environment().put("JAVA_OPTS", String.join(" ", options));
            // The script runs the java of the PATH; make it this test's.
            builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                    + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch " + command, e);
        }
        return this;
    }

    private static String jar() {
        String jar = System.getProperty("backline.itest.launcher.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("System property backline.itest.launcher.jar names no file (" + jar
                    + "); build bndrun/ first (mvn verify builds it before itest/)");
        }
        return jar;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Http.Response get(String path) {
        return Http.get(port, path);
    }

    /** GETs a path as the tests' external caller ({@link Http#TOKEN}). */
    public Http.Response getAuthorized(String path) {
        return Http.send(port, "GET", path, java.util.Map.of("Authorization", "Bearer " + Http.TOKEN), null);
    }

    public Http.Response post(String path, String json) {
        return Http.post(port, path, json);
    }

    /** Waits until readiness answers 200. */
    public LaunchedBackend awaitReady() {
        Await.until("readiness 200 from the launched jar (log: " + errFile() + ")", () -> {
            if (!alive()) {
                throw new AssertionError("the process ended with exit code " + process.exitValue() + "; " + err());
            }
            return get(Http.READINESS);
        }, r -> r.status() == 200, DEADLINE);
        return this;
    }

    /** Sends a signal ("TERM", "INT", "KILL") to the process. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit() {
        try {
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the process did not end within " + DEADLINE.toSeconds() + " s; " + err());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Path errFile() {
        return directory.resolve("err-" + launches + ".txt");
    }

    /** Standard error of the latest launch. */
    public String err() {
        try {
            return Files.readString(errFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no standard error: " + e + ")";
        }
    }

    /** Waits until the latest launch's standard error has a line containing {@code fragment}, and returns it. */
    public String awaitLog(String fragment) {
        return Await.until("a log line containing \"" + fragment + "\" (" + errFile() + ")",
                () -> err().lines().filter(line -> line.contains(fragment)).findFirst().orElse(null),
                line -> line != null, DEADLINE);
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
