package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

import dev.backline.itest.Await;
import dev.backline.itest.Http;
import dev.backline.itest.launch.bundles.HookPluginActivator;

/**
 * The executable jar at the edges of the process: how it stops on SIGTERM and Ctrl-C, and how it refuses
 * to run on a port it cannot have or a configuration it cannot read.
 */
public class ProcessEdgesIT {

    private LaunchedBackend backend;

    @After
    public void kill() {
        if (backend != null) {
            backend.close();
        }
    }

    private LaunchedBackend withHookPlugin(String name, String yaml) {
        LaunchedBackend launched = LaunchedBackend.in(name, yaml);
        TestBundles.write(launched.deploy().resolve("hooks.jar"), "dev.backline.itest.hooks", TestBundles.PLUGIN_IMPORTS,
                HookPluginActivator.class, HookPluginActivator.PingServlet.class);
        return launched;
    }

    @Test
    public void theLauncherScriptRunsTheJarWithItsJvmOptionsAsOneProcessThatSigtermStops() throws Exception {
        backend = LaunchedBackend.in("launcher-script", "").viaLauncherScript()
                .systemProperty("backline.itest.marker", "from-java-opts").start().awaitReady();

        // exec: the script's process is the JVM, with the shipped options and then JAVA_OPTS.
        String commandLine = Files.readString(Path.of("/proc", String.valueOf(backend.pid()), "cmdline")).replace('\0', ' ');
        assertTrue(commandLine, commandLine.startsWith("java "));
        assertEquals("the JVM the script found on the PATH", Path.of(System.getProperty("java.home"), "bin", "java").toRealPath(),
                Files.readSymbolicLink(Path.of("/proc", String.valueOf(backend.pid()), "exe")).toRealPath());
        assertTrue(commandLine, commandLine.contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dbackline.itest.marker=from-java-opts -jar "));
        assertEquals(200, backend.get("/api/example/hello").status());

        backend.signal("TERM");
        assertEquals("exit code; log:\n" + backend.err(), 0, backend.awaitExit());
        assertTrue(backend.err(), backend.err().contains("Stopping Backline (received SIGTERM); exit code 0"));
    }

    @Test
    public void sigtermRunsEveryShutdownHookAndExitsZero() {
        backend = withHookPlugin("sigterm", "").start().awaitReady();
        assertEquals(200, backend.get("/api/hooks/ping").status());

        backend.signal("TERM");

        assertEquals("exit code; log:\n" + backend.err(), 0, backend.awaitExit());
        String log = backend.err();
        assertTrue(log, log.contains("Stopping Backline (received SIGTERM); exit code 0"));
        assertTrue(log, log.contains("Backend stopping; readiness answers 503 from now on"));
        assertTrue(log, log.contains(HookPluginActivator.SHUTDOWN_LINE));
        assertTrue(log, log.contains("Plugins stopped: 'catalog', 'events', 'example', 'hooks', 'permission'"));
        assertTrue(log, log.contains("Backend stopped in "));
        assertTrue("the backend stopped before Jetty: " + log, log.indexOf("Backend stopped in ") < log.indexOf("Stopped Jetty"));
    }

    @Test
    public void ctrlCStopsTheSameWay() {
        backend = withHookPlugin("sigint", "").start().awaitReady();

        backend.signal("INT");

        assertEquals("exit code; log:\n" + backend.err(), 0, backend.awaitExit());
        assertTrue(backend.err(), backend.err().contains("Stopping Backline (received SIGINT); exit code 0"));
        assertTrue(backend.err(), backend.err().contains(HookPluginActivator.SHUTDOWN_LINE));
    }

    @Test
    public void serverShutdownDelayKeepsServingWhileReadinessSays503() {
        backend = withHookPlugin("shutdown-delay", "  lifecycle:\n    serverShutdownDelay: 3s\n").start().awaitReady();

        backend.signal("TERM");

        Http.Response readiness = Await.until("readiness to say shutting down", () -> backend.get(Http.READINESS),
                r -> r.status() == 503);
        assertEquals(readiness.toString(), "Backend is shutting down", readiness.json().path("message").asText());
        assertEquals("plugins still serve during the delay", 200, backend.get("/api/hooks/ping").status());
        assertEquals(0, backend.awaitExit());
    }

    @Test
    public void aTakenPortEndsTheProcessWithOneMessage() throws IOException {
        backend = LaunchedBackend.in("port-taken", "");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(backend.port()));
            backend.start();

            int exit = backend.awaitExit();

            assertEquals("exit code; log:\n" + backend.err(), 1, exit);
            List<String> errors = backend.err().lines().filter(line -> line.contains(" ERROR ")).toList();
            assertEquals(errors.toString(), 1, errors.size());
            assertTrue(errors.get(0), errors.get(0).endsWith("Cannot listen on all interfaces, port " + backend.port()
                    + " (backend.listen): Address already in use"));
        }
    }

    @Test
    public void aConfigurationThatCannotBeReadEndsTheProcessNamingFileAndLine() throws IOException {
        backend = LaunchedBackend.in("broken-config", "");
        Files.writeString(backend.directory().resolve("app-config.yaml"), "backend:\n  listen:\n    port: [1, 2\n",
                StandardCharsets.UTF_8);

        backend.start();

        assertEquals("exit code; log:\n" + backend.err(), 1, backend.awaitExit());
        String error = backend.err().lines().filter(line -> line.contains(" ERROR ")).findFirst().orElse("");
        assertTrue(backend.err(), error.contains("Configuration could not be loaded: "));
        assertTrue(error, error.contains("app-config.yaml"));
        assertTrue(error, error.contains("line "));
    }

    @Test
    public void aValueThatCannotBeUsedEndsTheProcessNamingKeyAndFile() {
        backend = LaunchedBackend.in("bad-port", "").env("APP_CONFIG_backend_listen_port", "\"seven\"").start();

        assertEquals("exit code; log:\n" + backend.err(), 1, backend.awaitExit());
        String error = backend.err().lines().filter(line -> line.contains(" ERROR ")).findFirst().orElse("");
        assertTrue(backend.err(), error.endsWith("Configuration could not be used: Unable to convert config value for key"
                + " 'backend.listen.port' in 'env APP_CONFIG_backend_listen_port' to an int"));
    }

    @Test
    public void withExitOnStartupFailureFalseHealthAnswers503WithTheReason() throws IOException {
        backend = LaunchedBackend.in("broken-config-stay", "");
        Files.writeString(backend.directory().resolve("app-config.yaml"), "backend: [oops\n", StandardCharsets.UTF_8);
        backend.systemProperty("backline.exitOnStartupFailure", "false")
                .env("APP_CONFIG_backend_listen_port", String.valueOf(backend.port()))
                .start();

        Http.Response liveness = Await.until("liveness to answer", () -> backend.get(Http.LIVENESS), r -> r.status() != Http.REFUSED,
                LaunchedBackend.DEADLINE);
        assertEquals(liveness.toString(), 503, liveness.status());
        assertEquals(liveness.toString(), "error", liveness.json().path("status").asText());
        assertTrue(liveness.toString(), liveness.json().path("message").asText().startsWith("Configuration could not be loaded: "));
        Http.Response readiness = backend.get(Http.READINESS);
        assertEquals(readiness.toString(), 503, readiness.status());
        Http.Response plugin = backend.get("/api/example/hello");
        assertEquals(plugin.toString(), 503, plugin.status());
        assertEquals(plugin.toString(), "ServiceUnavailableError", plugin.json().path("error").path("name").asText());
        assertTrue("still running", backend.alive());
    }

    @Test
    public void anUnusableValueWithExitOnStartupFailureFalseAnswers503OnTheConfiguredPort() {
        backend = LaunchedBackend.in("bad-format-stay", "  logger:\n    format: xml\n")
                .systemProperty("backline.exitOnStartupFailure", "false").start();

        Http.Response readiness = Await.until("readiness to answer", () -> backend.get(Http.READINESS),
                r -> r.status() != Http.REFUSED, LaunchedBackend.DEADLINE);
        assertEquals(readiness.toString(), 503, readiness.status());
        assertEquals(readiness.toString(), "Configuration could not be used: Invalid value 'xml' for backend.logger.format;"
                + " use one of text, json", readiness.json().path("message").asText());
    }

    @Test
    public void jettyBindsOnlyTheConfiguredAddress() throws Exception {
        backend = LaunchedBackend.in("listen-host", "").env("APP_CONFIG_backend_listen_host", "127.0.0.1")
                .start().awaitReady();

        List<String> listening = listeningSockets(backend.pid());
        assumeTrue("ss is not available here", listening != null);
        assertEquals("sockets the process listens on: " + listening, List.of("127.0.0.1:" + backend.port()),
                listening.stream().map(s -> s.replace("[::ffff:", "").replace("]", "")).toList());
        InetAddress other = nonLoopbackAddress();
        if (other != null) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress(other, backend.port()), 2000);
                throw new AssertionError("connected through " + other + ", which is not the configured host");
            } catch (IOException expected) {
                // refused: nothing listens there
            }
        }
    }

    /** The listening TCP sockets of a process, from ss; null when ss cannot tell. */
    private static List<String> listeningSockets(long pid) throws Exception {
        Process ss;
        try {
            ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return null;
        }
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0 || !out.contains("pid=")) {
            return null;
        }
        return out.lines().filter(line -> line.contains("pid=" + pid + ","))
                .map(line -> line.trim().split("\\s+")[3]).sorted().toList();
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (var network : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(network.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    return address;
                }
            }
        }
        return null;
    }

    @Test
    public void aDefaultLaunchNeverBindsTheDefaultPortWhenAnotherIsConfigured() {
        backend = LaunchedBackend.in("default-launch", "").start().awaitReady();
        Http.Response hello = backend.get("/api/example/hello");
        assertEquals(hello.toString(), 200, hello.status());
        assertNotEquals(7007, backend.port());
        assertFalse("nothing bound to 7007 by this process", listensOn7007(backend.pid()));
    }

    private static boolean listensOn7007(long pid) {
        try {
            List<String> sockets = listeningSockets(pid);
            return sockets != null && sockets.stream().anyMatch(s -> s.endsWith(":7007"));
        } catch (Exception e) {
            return false;
        }
    }
}
