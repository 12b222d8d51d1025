package dev.backline.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * What the database tests prepare in {@code @Configuration}, which runs in the outer failsafe JVM before
 * the container starts: configuration files under itest/target, names unique to the run, and PostgreSQL
 * roles. The probe cannot see the outer JVM's static fields, but it shares its system properties and
 * files, so per-run names travel as system properties.
 */
public final class DatabaseFixtures {

    public static final String PG_HOST = "127.0.0.1";
    public static final int PG_PORT = 5432;
    /** Trust authentication on the test server: any password is accepted for an existing role. */
    public static final String PG_ADMIN = "postgres";

    private DatabaseFixtures() {
    }

    /** itest/target: the configuration file lives in itest/src/test/resources. */
    public static File targetDir() {
        File resources = new File(BacklineOptions.configFile()).getParentFile();
        return new File(resources.getParentFile().getParentFile().getParentFile(), "target");
    }

    /** Writes {@code yaml} to itest/target/{@code name} and returns its absolute path. */
    public static String writeConfig(String name, String yaml) {
        File file = new File(targetDir(), name);
        try {
            Files.createDirectories(file.getParentFile().toPath());
            Files.writeString(file.toPath(), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return file.getAbsolutePath();
    }

    /**
     * A lower-case random token for {@code key}, the same for every later call in this JVM (the outer one
     * and the probe alike): {@code @Configuration} may be called more than once.
     */
    public static String runToken(String key) {
        String property = "backline.itest.token." + key;
        synchronized (System.getProperties()) {
            String token = System.getProperty(property);
            if (token == null) {
                token = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                System.setProperty(property, token);
            }
            return token;
        }
    }

    /**
     * Runs statements as {@value #PG_ADMIN} on database {@code postgres}. Outer JVM only: pgjdbc is on the
     * test class path there, while the probe reaches it through its DataSourceFactory.
     */
    public static void pgAdmin(String... statements) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres", PG_ADMIN, "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL administration failed: " + e.getMessage(), e);
        }
    }
}
