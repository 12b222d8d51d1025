package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

import dev.backline.itest.dbfailing.DatabasePluginsActivator;

/**
 * Plugins whose database cannot be had, each for its own reason, configured per plugin: each fails to
 * start (its routes answer 503) with a logged reason naming the plugin and where it tried to connect,
 * never the password; the catalog (on H2) and the example plugin serve, and readiness is 200 under
 * {@code onPluginBootFailure: continue}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseFailuresIT extends DatabaseTestSupport {

    static final String PG = DatabaseFixtures.PG_HOST + ":" + DatabaseFixtures.PG_PORT;
    /** A role that does not exist: the server refuses it (SQLState 28000) whatever the password. */
    static final String NOBODY = "backline_it_nobody";

    static String token() {
        return DatabaseFixtures.runToken("dbfailures");
    }

    /** The password of every PostgreSQL connection here; it must never appear in the log. */
    static String password() {
        return "s3cret-pw-" + token();
    }

    static String prefix() {
        return "backline_it_fail_" + token() + "_";
    }

    /** A role that may log in but not create databases, created before the backend starts. */
    static String noCreateRole() {
        return "backline_it_nocreate_" + token();
    }

    static File logFile() {
        return new File(DatabaseFixtures.targetDir(), "database-failures-" + token() + ".log");
    }

    @Configuration
    @Override
    public Option[] config() {
        DatabaseFixtures.pgAdmin("DROP ROLE IF EXISTS " + noCreateRole(),
                "CREATE ROLE " + noCreateRole() + " LOGIN NOCREATEDB PASSWORD '" + password() + "'");
        String config = DatabaseFixtures.writeConfig("database-failures.yaml", String.join("\n",
                "backend:",
                "  database:",
                "    client: h2",
                "    prefix: " + prefix(),
                "    plugin:",
                "      " + DatabasePluginsActivator.UNKNOWN_CLIENT + ":",
                "        client: mysql",
                "      " + DatabasePluginsActivator.UNREACHABLE + ":",
                "        client: pg",
                "        connection: " + pg(DatabaseFixtures.PG_HOST, 1, DatabaseFixtures.PG_ADMIN),
                "      " + DatabasePluginsActivator.BAD_CREDENTIALS + ":",
                "        client: pg",
                "        connection: " + pg(DatabaseFixtures.PG_HOST, DatabaseFixtures.PG_PORT, NOBODY),
                "      " + DatabasePluginsActivator.NO_CREATEDB + ":",
                "        client: pg",
                "        ensureExists: true",
                "        connection: " + pg(DatabaseFixtures.PG_HOST, DatabaseFixtures.PG_PORT, noCreateRole()),
                "      " + DatabasePluginsActivator.MISSING_DATABASE + ":",
                "        client: pg",
                "        ensureExists: false",
                "        connection: " + pg(DatabaseFixtures.PG_HOST, DatabaseFixtures.PG_PORT, DatabaseFixtures.PG_ADMIN),
                ""));
        // From here on, what the container logs while it starts is in the file too.
        LogTee.install(logFile());
        Option plugins = streamBundle(TinyBundles.bundle()
                .addClass(DatabasePluginsActivator.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, "dev.backline.itest.dbfailing")
                .setHeader(Constants.BUNDLE_ACTIVATOR, DatabasePluginsActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE, "org.osgi.framework,javax.sql,"
                        + "dev.backline.plugin.api;version=\"[1.0,2)\",dev.backline.plugin.api.services;version=\"[1.1,2)\"")
                .build(TinyBundles.rawBuilder()));
        return Stream.concat(Arrays.stream(BacklineOptions.base(BacklineOptions.configFile() + "," + config)),
                Stream.of(plugins)).toArray(Option[]::new);
    }

    private static String pg(String host, int port, String user) {
        return "{host: '" + host + "', port: " + port + ", user: '" + user + "', password: '" + password() + "'}";
    }

    @After
    public void cleanUp() throws Exception {
        LogTee.uninstall();
        try (Connection admin = pg("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + noCreateRole());
        }
    }

    @Test
    public void eachPluginWithoutItsDatabaseFailsWithItsReasonAndTheOthersServe() throws Exception {
        for (String pluginId : DatabasePluginsActivator.PLUGIN_IDS) {
            Http.Response failed = Await.get(pluginId + " to answer 503", "/api/" + pluginId + "/x", r -> r.status() == 503);
            assertEquals(failed.toString(), "ServiceUnavailableError", failed.json().path("error").path("name").asText());
        }
        assertEquals(200, Http.get(Http.READINESS).status());
        assertEquals(200, Http.get(HELLO).status());
        assertEquals(200, Http.get(ENTITIES).status());

        assertLogged(DatabasePluginsActivator.UNKNOWN_CLIENT, "Unsupported database client 'mysql'",
                "backend.database.plugin." + DatabasePluginsActivator.UNKNOWN_CLIENT + ".client");
        assertLogged(DatabasePluginsActivator.UNREACHABLE, "cannot reach",
                DatabaseFixtures.PG_HOST + ":1", database(DatabasePluginsActivator.UNREACHABLE));
        assertLogged(DatabasePluginsActivator.BAD_CREDENTIALS, "refused user '" + NOBODY + "'",
                PG, database(DatabasePluginsActivator.BAD_CREDENTIALS));
        assertLogged(DatabasePluginsActivator.NO_CREATEDB, "may not create",
                PG, database(DatabasePluginsActivator.NO_CREATEDB), "user '" + noCreateRole() + "'");
        assertLogged(DatabasePluginsActivator.MISSING_DATABASE, "does not exist",
                PG, database(DatabasePluginsActivator.MISSING_DATABASE));
        String log = log();
        assertFalse("the log contains the password " + password(), log.contains(password()));

        // Neither the refused creation nor ensureExists: false left a database behind.
        try (Connection admin = pg("postgres")) {
            assertEquals(List.of(), column(admin, "SELECT datname FROM pg_database WHERE starts_with(datname, ?)", prefix()));
        }
    }

    static String database(String pluginId) {
        return prefix() + pluginId;
    }

    /** A logged line naming the plugin with this reason, which holds every one of {@code details}. */
    private static void assertLogged(String pluginId, String reason, String... details) {
        String line = Await.until("a logged failure of plugin '" + pluginId + "' saying '" + reason + "'",
                () -> log().lines().filter(l -> l.contains("'" + pluginId + "'") && l.contains(reason))
                        .findFirst().orElse(null),
                l -> l != null);
        for (String detail : details) {
            assertTrue("'" + detail + "' in: " + line, line.contains(detail));
        }
    }

    private static String log() throws Exception {
        return Files.readString(logFile().toPath(), StandardCharsets.UTF_8);
    }
}
