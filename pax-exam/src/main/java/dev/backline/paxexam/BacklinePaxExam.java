package dev.backline.paxexam;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pax Exam options that boot Backline in the native container: Felix with SCR, ConfigAdmin, Jetty, Jersey, the host
 * and the core service bundles, on a free port, with a static token for calls that need credentials; then the
 * bundles under test.
 *
 * <pre>
 * &#64;RunWith(PaxExam.class)
 * &#64;ExamReactorStrategy(PerClass.class)
 * public class TodoPluginIT {
 *     &#64;Configuration
 *     public Option[] config() {
 *         return BacklinePaxExam.backline(new File("../todo-plugin/target/todo-plugin.jar"));
 *     }
 *
 *     &#64;Test
 *     public void serves() throws Exception {
 *         String base = "http://127.0.0.1:" + System.getProperty(BacklinePaxExam.PORT_PROPERTY);
 *         ... GET base + "/api/todo/todos" with "Authorization: Bearer " + BacklinePaxExam.TOKEN ...
 *     }
 * }
 * </pre>
 *
 * Inside the container use only this class's constants (they are compiled into the test); the class itself lives on
 * the test's class path, not in the framework.
 */
public final class BacklinePaxExam {

    /** The system property that holds the port the backend listens on (127.0.0.1). */
    public static final String PORT_PROPERTY = "backline.paxexam.port";

    /** A static token the backend accepts as service {@code external:paxexam} ({@code Authorization: Bearer <token>}). */
    public static final String TOKEN = "paxexam-static-token-0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BacklinePaxExam() {
    }

    /** Backline with these bundles (jar files) installed and started after it. */
    public static Option[] backline(File... bundlesUnderTest) {
        return backline(Map.of(), bundlesUnderTest);
    }

    /**
     * Backline with these bundles and this configuration (as {@code app-config.yaml} has it, e.g.
     * {@code Map.of("todo", Map.of("limit", 5))}); the port, base URL and token are set by the helper.
     */
    public static Option[] backline(Map<String, ?> config, File... bundlesUnderTest) {
        int port = freePort();
        List<Option> options = new ArrayList<>();
        options.add(container(port, configFiles(port, config)));
        for (File jar : bundlesUnderTest) {
            if (!jar.isFile()) {
                throw new IllegalArgumentException("Bundle under test " + jar.getAbsolutePath() + " does not exist: build it first ("
                        + "mvn package in its module), or point at its target/*.jar");
            }
            options.add(bundle(jar.toURI().toString()));
        }
        return options.toArray(Option[]::new);
    }

    /**
     * The container alone: framework settings and Backline's runtime bundles, the backend on {@code port}, configured by
     * {@code backlineConfig} (configuration files, comma-separated, later ones winning).
     */
    public static Option container(int port, String backlineConfig) {
        List<Option> options = new ArrayList<>(List.of(
                // The native container's parent class loader would leak the test class path into ServiceLoader lookups.
                frameworkProperty("felix.bootdelegation.implicit").value("false"),
                // Jetty starts on the backend's port, so the host does not have to move it.
                frameworkProperty("org.osgi.service.http.port").value(String.valueOf(port)),
                frameworkProperty("backline.config").value(backlineConfig),
                // Pax Exam installs and starts the bundles one by one after the framework has started: the
                // first start waits until they have stopped changing for a second.
                frameworkProperty("backline.startup.quietPeriod").value("1000"),
                systemProperty(PORT_PROPERTY).value(String.valueOf(port)),
                cleanCaches(true)));
        for (String[] entry : bundleList()) {
            String[] coordinates = entry[1].substring("mvn:".length()).split("/");
            MavenArtifactUrlReference bundle = CoreOptions.maven(coordinates[0], coordinates[1], coordinates[2]);
            int level = Integer.parseInt(entry[0]);
            options.add(level > 0 ? CoreOptions.mavenBundle(bundle).startLevel(level) : CoreOptions.mavenBundle(bundle));
        }
        options.add(junitBundles());
        return composite(options.toArray(Option[]::new));
    }

    /**
     * The backend's configuration files, as {@code backline.config} takes them (comma-separated, later files win key by
     * key): one with the port, base URL and token, then the test's own when it has any. JSON is YAML.
     */
    static String configFiles(int port, Map<String, ?> config) {
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("baseUrl", "http://127.0.0.1:" + port);
        backend.put("listen", Map.of("host", "127.0.0.1", "port", port));
        backend.put("auth", Map.of("externalAccess", List.of(Map.of("type", "static",
                "options", Map.of("token", TOKEN, "subject", "external:paxexam")))));
        String files = writeConfig("backline-paxexam-", Map.of("backend", backend));
        return config.isEmpty() ? files : files + "," + writeConfig("backline-paxexam-test-", config);
    }

    private static String writeConfig(String prefix, Map<String, ?> config) {
        try {
            Path file = Files.createTempFile(prefix, ".yaml");
            file.toFile().deleteOnExit();
            Files.write(file, JSON.writeValueAsBytes(config));
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the test backend's configuration", e);
        }
    }

    private static List<String[]> bundleList() {
        try (InputStream in = BacklinePaxExam.class.getResourceAsStream("bundles.txt")) {
            if (in == null) {
                throw new IllegalStateException("bundles.txt is missing from backline-pax-exam");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the test backend", e);
        }
    }
}
