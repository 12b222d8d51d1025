package dev.backline.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.util.List;

import org.ops4j.pax.exam.Option;

/**
 * The container every integration test runs in: Felix with the runtime bundles of
 * {@code bndrun/backline.bndrun} and the reactor bundles, the backend on {@link #PORT}.
 *
 * <p>Everything comes from system properties set by failsafe (see {@code itest/pom.xml}): the reactor
 * jars' paths (they are not in the local repository during {@code mvn verify}) and the configuration file.
 * In the native container the tests run in the same JVM, so the same properties are readable inside it.
 */
public final class BacklineOptions {

    /**
     * The port the backend listens on: {@code -Dbackline.itest.port}, by default 17007 (the launcher's default
     * is 7007). itest/pom.xml hands the same value to the backend's {@code backend.listen.port} (through
     * {@code APP_CONFIG_} variables), so the host leaves Jetty's port alone.
     */
    public static final int PORT = Integer.getInteger("backline.itest.port", 17007);

    /** Symbolic names of the reactor bundles. */
    public static final String PLUGIN_API = "dev.backline.plugin.api";
    public static final String RUNTIME = "dev.backline.runtime";
    public static final String HOST = "dev.backline.host";
    public static final String DATABASE = "dev.backline.database";
    public static final String AUTH = "dev.backline.auth";
    public static final String SCHEDULER = "dev.backline.scheduler";
    public static final String CACHE = "dev.backline.cache";
    public static final String AUDITOR = "dev.backline.auditor";
    public static final String EVENTS = "dev.backline.events";
    public static final String URL_READER = "dev.backline.urlreader";
    public static final String PERMISSIONS = "dev.backline.permissions";
    public static final String HTTP_JETTY = "dev.backline.http.jetty";
    public static final String SHELL = "dev.backline.shell";
    public static final String EXAMPLE_API = "dev.backline.example.api";
    public static final String EXAMPLE_PLUGIN = "dev.backline.example.plugin";
    public static final String EXAMPLE_MODULE = "dev.backline.example.module";
    public static final String CATALOG_API = "dev.backline.example.catalog.api";
    public static final String CATALOG_PLUGIN = "dev.backline.example.catalog";
    public static final String CATALOG_PROCESSOR = "dev.backline.example.catalog.processor";
    public static final String EXAMPLE_POLICY = "dev.backline.example.policy";

    /** Every reactor bundle, in installation order: the bundles of bndrun/backline.bndrun built here. */
    public static final List<String> REACTOR_BUNDLES = List.of(PLUGIN_API, RUNTIME, HOST, DATABASE, AUTH, SCHEDULER, CACHE, AUDITOR,
            EVENTS, URL_READER, PERMISSIONS, HTTP_JETTY, SHELL, EXAMPLE_API, EXAMPLE_PLUGIN, EXAMPLE_MODULE, CATALOG_API,
            CATALOG_PLUGIN, CATALOG_PROCESSOR, EXAMPLE_POLICY);

    private BacklineOptions() {
    }

    /** The options of every test class: {@code @Configuration public Option[] config() { return base(); }}. */
    public static Option[] base() {
        return base(configFile());
    }

    /**
     * The options with other root configuration files: {@code backline.config} takes a comma-separated
     * list, later files win.
     */
    public static Option[] base(String backlineConfig) {
        return options(
                // Without this the native container's parent class loader leaks slf4j-simple
                // from the test classpath into slf4j-api's ServiceLoader lookup.
                frameworkProperty("felix.bootdelegation.implicit").value("false"),
                // Jetty starts on the backend's port, so the host does not have to reconfigure it.
                frameworkProperty("org.osgi.service.http.port").value(String.valueOf(PORT)),
                frameworkProperty("backline.config").value(backlineConfig),
                // Pax Exam installs and starts the bundles one by one after the framework has started: the
                // first start waits until they have stopped changing for a second.
                frameworkProperty("backline.startup.quietPeriod").value("1000"),
                cleanCaches(true),

                // SPI Fly (with ASM) must weave slf4j-api before anyone logs; same start level,
                // started in this order.
                mavenBundle("org.ow2.asm", "asm").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-tree").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-analysis").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-commons").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-util").versionAsInProject().startLevel(1),
                mavenBundle("org.apache.aries.spifly", "org.apache.aries.spifly.dynamic.bundle").versionAsInProject().startLevel(1),
                mavenBundle("org.slf4j", "slf4j-api").versionAsInProject().startLevel(1),
                mavenBundle("org.slf4j", "slf4j-simple").versionAsInProject().startLevel(1),

                // Declarative Services (SCR 2.2 does not export org.osgi.service.component; its API bundle does)
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                // The Gogo runtime, for the backline shell commands (the host imports it optionally)
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),

                // HTTP: Jetty 12 and the companions it imports without resolution:=optional
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("commons-io", "commons-io").versionAsInProject(),
                mavenBundle("commons-fileupload", "commons-fileupload").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty12").versionAsInProject(),

                // Libraries of the host
                mavenBundle("com.fasterxml.jackson.core", "jackson-annotations").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-core").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-databind").versionAsInProject(),
                mavenBundle("org.yaml", "snakeyaml").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml").versionAsInProject(),
                mavenBundle("com.networknt", "json-schema-validator").versionAsInProject(),
                mavenBundle("com.ethlo.time", "itu").versionAsInProject(),

                // The database service's runtime; both drivers register a DataSourceFactory
                mavenBundle("org.osgi", "org.osgi.service.jdbc").versionAsInProject(),
                mavenBundle("com.zaxxer", "HikariCP").versionAsInProject(),
                mavenBundle("com.h2database", "h2").versionAsInProject(),
                mavenBundle("org.postgresql", "postgresql").versionAsInProject(),
                // core.auth's JOSE library
                mavenBundle("com.nimbusds", "nimbus-jose-jwt").versionAsInProject(),
                // core.scheduler's and core.cache's libraries
                mavenBundle("org.quartz-scheduler", "quartz").versionAsInProject(),
                mavenBundle("com.github.ben-manes.caffeine", "caffeine").versionAsInProject(),
                // core.events' bus
                mavenBundle("org.apache.felix", "org.apache.felix.eventadmin").versionAsInProject(),
                jakartaRest(),

                // The reactor bundles, by file: during mvn verify they are not in the local repository
                composite(REACTOR_BUNDLES.stream().map(b -> bundle(jarUrl(b))).toArray(Option[]::new)),

                junitBundles());
    }

    /**
     * Jakarta REST on Jersey, for plugins' resources: the API, Jersey on HK2, Jackson's JSON provider. Jakarta
     * Inject is 2.x here; the tests' own {@code @Inject} is the javax.inject of the 1.x bundle.
     */
    static Option jakartaRest() {
        return composite(
                mavenBundle("jakarta.ws.rs", "jakarta.ws.rs-api").versionAsInProject(),
                mavenBundle("jakarta.inject", "jakarta.inject-api", System.getProperty("backline.itest.jakarta.inject.version")),
                mavenBundle("jakarta.annotation", "jakarta.annotation-api").versionAsInProject(),
                mavenBundle("jakarta.validation", "jakarta.validation-api").versionAsInProject(),
                mavenBundle("jakarta.activation", "jakarta.activation-api").versionAsInProject(),
                mavenBundle("org.glassfish.hk2", "osgi-resource-locator").versionAsInProject(),
                mavenBundle("org.glassfish.hk2.external", "aopalliance-repackaged").versionAsInProject(),
                mavenBundle("org.glassfish.hk2", "hk2-utils").versionAsInProject(),
                mavenBundle("org.glassfish.hk2", "hk2-api").versionAsInProject(),
                mavenBundle("org.glassfish.hk2", "hk2-locator").versionAsInProject(),
                mavenBundle("org.javassist", "javassist").versionAsInProject(),
                mavenBundle("org.glassfish.jersey.core", "jersey-common").versionAsInProject(),
                mavenBundle("org.glassfish.jersey.core", "jersey-client").versionAsInProject(),
                mavenBundle("org.glassfish.jersey.core", "jersey-server").versionAsInProject(),
                mavenBundle("org.glassfish.jersey.containers", "jersey-container-servlet-core").versionAsInProject(),
                mavenBundle("org.glassfish.jersey.inject", "jersey-hk2").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.jakarta.rs", "jackson-jakarta-rs-base").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.jakarta.rs", "jackson-jakarta-rs-json-provider").versionAsInProject());
    }

    /** The {@code file:} URL of a reactor bundle's jar, from the property failsafe sets for it. */
    public static String jarUrl(String symbolicName) {
        String key = "backline.itest.jar." + symbolicName.substring("dev.backline.".length());
        return new File(required(key)).toURI().toString();
    }

    static String configFile() {
        return new File(required("backline.itest.config")).getAbsolutePath();
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + key + " is not set (got " + value
                    + "); run the tests through failsafe (mvn verify), which sets it in itest/pom.xml");
        }
        File file = new File(value);
        if (!file.isFile()) {
            throw new IllegalStateException("System property " + key + " names " + value + ", which is not a file");
        }
        return value;
    }
}
