package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * The {@code backline:} Gogo commands, each run through a real {@link CommandSession} against the running
 * backend, and the command port ({@code backline.shell.port}) that scripts use.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GogoCommandsIT extends BacklineTestSupport {

    /**
     * A free port for the command port, chosen when the container is configured. The probe loads this class
     * again inside the container, so the test reads the port back from the framework property.
     */
    private static final int SHELL_PORT = freePort();
    /** Inside the container, read it back from the framework property: this class is loaded there anew. */
    private static final java.nio.file.Path TOKEN_FILE =
            java.nio.file.Path.of("target", "shell-token", "gogo-" + SHELL_PORT + ".token").toAbsolutePath();

    private CommandSession session;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(BacklineOptions.base(),
                frameworkProperty("backline.shell.port").value(String.valueOf(SHELL_PORT)),
                frameworkProperty("backline.shell.tokenFile").value(TOKEN_FILE.toString()));
    }

    @Before
    public void openSession() {
        ServiceReference<CommandProcessor> reference = Await.until("the Gogo command processor",
                () -> context.getServiceReference(CommandProcessor.class), r -> r != null);
        CommandProcessor processor = context.getService(reference);
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        Await.until("the backline commands", () -> execute("backline:plugins"), text -> text.contains("catalog"));
    }

    @After
    public void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    public void pluginsListsCatalogAndExampleAsStarted() {
        String plugins = execute("backline:plugins");

        assertTrue(plugins, plugins.startsWith("ID "));
        assertRow(plugins, "catalog\\s+started\\s+example-custom-processor\\s+dev\\.backline\\.example\\.catalog 0\\.1\\.0\\S* \\[\\d+\\]"
                + "\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\d+ ms\\s+/api/catalog\\s+-");
        assertRow(plugins, "example\\s+started\\s+add-example\\s+dev\\.backline\\.example\\.plugin .*/api/example\\s+-");
    }

    @Test
    public void pluginCatalogShowsDependenciesExtensionPointsModulesConfigDatabaseAndRoutes() {
        String catalog = execute("backline:plugin catalog");

        assertTrue(catalog, catalog.startsWith("Plugin catalog\n  state:"));
        assertRow(catalog, "example-custom-processor\\s+catalog\\.processing\\s+extension point\\s+plugin 'catalog'\\s+dev\\.backline\\.example\\.catalog .*");
        assertRow(catalog, "catalog\\s+core\\.database\\s+plugin service\\s+explicit\\s+dev\\.backline\\.database .*");
        assertRow(catalog, "catalog\\.processing\\s+plugin 'catalog'\\s+example-custom-processor");
        assertTrue(catalog, catalog.contains("  database: "));
        assertFalse(catalog, catalog.contains("database: none in use"));
        assertRow(catalog, "/api/catalog/entities");
        assertTrue(catalog, catalog.contains("\nConfig (catalog)\n"));
    }

    @Test
    public void modulesServicesExtensionPointsAndRoutes() {
        assertRow(execute("backline:modules catalog"), "catalog\\s+example-custom-processor\\s+started\\s+dev\\.backline\\.example\\.catalog\\.processor .*");
        String services = execute("backline:services");
        assertRow(services, "core\\.database\\s+plugin\\s+explicit\\s+dev\\.backline\\.database \\S+ \\[\\d+\\]\\s+catalog,events,example,permission");
        // core.auth keeps each plugin's signing keys in its database, hence 'example' and 'permission' above.
        assertRow(services, "core\\.auth\\s+plugin\\s+explicit\\s+dev\\.backline\\.auth \\S+ \\[\\d+\\]\\s+catalog,events,example,permission");
        assertRow(services, "core\\.rootConfig\\s+root\\s+default\\s+dev\\.backline\\.runtime .*root");
        assertRow(execute("backline:extensionpoints"), "example\\.examples\\s+example\\s+plugin 'example'.*add-example");
        String routes = execute("backline:routes");
        assertRow(routes, "example\\s+/api/example/hello\\s+started");
        assertRow(routes, "catalog\\s+/api/catalog/entities\\s+started");
    }

    @Test
    public void healthStartupAndConfig() {
        String health = execute("backline:health");
        assertRow(health, "  readiness: 200 \\{status=ok\\}");
        assertRow(health, "  liveness:\\s+200 \\{status=ok\\}");
        String startup = execute("backline:startup");
        assertRow(startup, "  result:\\s+succeeded");
        assertRow(startup, "catalog\\s+-\\s+started\\s+\\d{4}-.*\\d+ ms.*");
        assertRow(startup, "catalog\\s+example-custom-processor\\s+started.*");
        String config = execute("backline:config backend");
        assertRow(config, "backend\\.listen\\.port\\s+" + BacklineOptions.PORT + "\\s+env APP_CONFIG_backend_listen_port");
        assertFalse(config, config.contains("example.value"));
    }

    @Test
    public void restartStopAndStartExample() {
        String restarted = execute("backline:restart example");
        assertTrue(restarted, restarted.startsWith("Plugin 'example' restarted\n"));
        assertRow(restarted, "  state: started");
        awaitExamples("hello");

        String stopped = execute("backline:stop example");
        assertTrue(stopped, stopped.startsWith("Plugin 'example' stopped\n"));
        Http.Response refused = Http.get(HELLO);
        assertEquals(refused.toString(), 503, refused.status());
        assertRow(execute("backline:plugins"), "example\\s+stopped\\s+.*");

        String started = execute("backline:start example");
        assertTrue(started, started.startsWith("Plugin 'example' started\n"));
        Http.Response hello = Http.get(HELLO);
        assertEquals(hello.toString(), 200, hello.status());
        awaitExamples("hello");
    }

    @Test
    public void anUnknownIdNamesTheClosestKnownIds() {
        try {
            Object result = session.execute("backline:plugin catalg");
            fail("expected an error, got " + result);
        } catch (Exception e) {
            assertTrue(e.toString(), e.getMessage().startsWith("No plugin 'catalg'; closest: catalog"));
        }
    }

    @Test
    public void theCommandPortRunsOneCommandPerConnection() {
        String plugins = overCommandPort("backline:plugins");
        assertRow(plugins, "catalog\\s+started\\s+.*");
        assertRow(plugins, "example\\s+started\\s+.*");
        String error = overCommandPort("backline:stop exampel");
        assertEquals(error, "Error: No plugin 'exampel'; closest: example, events, catalog\n", error);
    }

    /** Runs a command line and returns its result as the console prints it. */
    private String execute(String commandLine) {
        try {
            Object result = session.execute(commandLine);
            assertNotNull(commandLine + " returned nothing", result);
            return session.format(result, Converter.INSPECT).toString();
        } catch (Exception e) {
            throw new AssertionError(commandLine + " failed: " + e, e);
        }
    }

    @Test
    public void theCommandPortRunsNothingForAClientWithoutTheToken() throws IOException {
        String expected = "Error: send the token in " + tokenFile() + " as the first line, then the command\n";
        assertEquals("no token", expected, sendLines("backline:stop example"));
        assertEquals("a wrong token", expected, sendLines("not-the-token", "backline:stop example"));
        assertEquals("the token cut short", expected, sendLines(token().substring(1), "backline:stop example"));
        assertTrue("nothing ran: example still serves", Http.get("/api/example/hello").isJson(200));
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("only the backend's user reads the token", "rw-------", java.nio.file.attribute.PosixFilePermissions
                    .toString(java.nio.file.Files.getPosixFilePermissions(tokenFile())));
        }
    }

    @Test
    public void aSilentClientDoesNotHoldUpTheNextOne() throws Exception {
        int port = Integer.parseInt(context.getProperty("backline.shell.port"));
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // Connected, sends nothing: the port would serve nobody else for its 10 s read time-out if it
            // served one client at a time. The next client's deadline is far below that.
            java.util.concurrent.CompletableFuture<String> next =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> overCommandPort("backline:health"));
            String health = next.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(health, health.contains("readiness: 200"));
            assertTrue("the silent client is still connected", silent.isConnected() && !silent.isClosed());
        }
    }

    private static void assertRow(String text, String regex) {
        Pattern pattern = Pattern.compile("(?m)^\\s*" + regex + "\\s*$");
        assertTrue("no line matching /" + regex + "/ in:\n" + text, pattern.matcher(text).find());
    }

    private String overCommandPort(String commandLine) {
        return sendLines(token(), commandLine);
    }

    /** Sends the lines (token first, as bin/backline-cmd does) and returns the answer. */
    private String sendLines(String... lines) {
        int port = Integer.parseInt(context.getProperty("backline.shell.port"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.nio.file.Path tokenFile() {
        return java.nio.file.Path.of(context.getProperty("backline.shell.tokenFile"));
    }

    private String token() {
        try {
            return java.nio.file.Files.readString(tokenFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
