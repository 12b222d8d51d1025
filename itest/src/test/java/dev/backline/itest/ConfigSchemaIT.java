package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

import dev.backline.itest.secrets.SecretLoggingPlugin;
import dev.backline.itest.secrets.SecretLoggingPluginActivator;

/**
 * Configuration schemas from bundles: the example plugin's own {@code config.schema.json} rejects
 * {@code example.silent: loud} (a string where a boolean is wanted), so that plugin fails to start (503)
 * while the others serve; a plugin that logs its secret token, whose bundle's schema marks it
 * {@code visibility: secret}, never gets the token into the log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigSchemaIT extends BacklineTestSupport {

    /** The secret plugin's token; it must never appear in the log. */
    static final String TOKEN = "itest-t0ken-7f3a9c";
    /** The example plugin's secret, set next to its violation. */
    static final String EXAMPLE_TOKEN = "example-t0ken-51d2";

    static File logFile() {
        return new File(DatabaseFixtures.targetDir(), "config-schema-it.log");
    }

    @Configuration
    @Override
    public Option[] config() {
        String override = DatabaseFixtures.writeConfig("config-schema-it.yaml", String.join("\n",
                "example:",
                "  silent: loud",
                "  apiToken: " + EXAMPLE_TOKEN,
                "itestSecrets:",
                "  token: " + TOKEN,
                ""));
        // From here on, what the container logs while it starts is in the file too.
        LogTee.install(logFile());
        Option secrets = streamBundle(TinyBundles.bundle()
                .addClass(SecretLoggingPlugin.class)
                .addClass(SecretLoggingPluginActivator.class)
                .addResource("config.schema.json", new ByteArrayInputStream(SecretLoggingPlugin.SCHEMA.getBytes(StandardCharsets.UTF_8)))
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, "dev.backline.itest.secrets")
                .setHeader(Constants.BUNDLE_ACTIVATOR, SecretLoggingPluginActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE, "org.osgi.framework,"
                        + "dev.backline.plugin.api;version=\"[1.0,2)\",dev.backline.plugin.api.services;version=\"[1.1,2)\"")
                .build(TinyBundles.rawBuilder()));
        return Stream.concat(Arrays.stream(BacklineOptions.base(BacklineOptions.configFile() + "," + override)),
                Stream.of(secrets)).toArray(Option[]::new);
    }

    /** The example plugin is meant to fail here, so readiness and the catalog are what "ready" means. */
    @Before
    @Override
    public void awaitBackendReady() {
        Await.get("readiness 200", Http.READINESS, r -> r.status() == 200);
        awaitProcessors("ExampleCustomProcessor");
    }

    @After
    public void restoreStandardError() {
        LogTee.uninstall();
    }

    @Test
    public void aPluginWhoseConfigurationViolatesItsSchemaFailsNamingKeyExpectedAndActualWhileOthersServe() throws Exception {
        Http.Response hello = Await.get(HELLO + " to answer 503", HELLO, r -> r.status() == 503);
        assertEquals(hello.toString(), "ServiceUnavailableError", hello.json().path("error").path("name").asText());
        assertEquals(200, Http.get(PROCESSORS).status());
        assertEquals(200, Http.get(Http.READINESS).status());

        String failure = Await.until("the log to report the example plugin's schema violation", ConfigSchemaIT::log,
                log -> log.contains("Configuration of plugin 'example' does not match its schema"));
        String line = failure.lines().filter(l -> l.contains("'example.silent'")).findFirst().orElse("");
        assertTrue(failure, line.contains("Invalid type in config for key 'example.silent'"));
        assertTrue(line, line.contains("got string, wanted boolean"));
        assertTrue(line, line.contains("config-schema-it.yaml") || line.contains("ConfigAdmin backline.plugin.example"));
        assertTrue(line, line.contains("config.schema.json of bundle " + BacklineOptions.EXAMPLE_PLUGIN));
    }

    @Test
    public void aSecretValueNeverAppearsInTheLog() throws Exception {
        String log = Await.until("the secret plugin to log its token line", ConfigSchemaIT::log,
                l -> l.contains("Using token ") && l.contains("expires soon"));
        assertTrue(log, log.contains("Using token ***"));
        assertTrue(log, log.contains("token *** expires soon"));
        assertFalse("the secret token is in the log", log.contains(TOKEN));
        assertFalse("the example plugin's token is in the log", log.contains(EXAMPLE_TOKEN));
    }

    private static String log() {
        try {
            System.err.flush();
            return Files.readString(logFile().toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
