package dev.backline.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Stream;

/**
 * The same test on embedded H2 and on the real PostgreSQL:
 *
 * <pre>
 * &#64;ParameterizedTest
 * &#64;MethodSource("dev.backline.testkit.TestDatabases#all")
 * void storesTodos(TestDatabase database) {
 *     TestBackend backend = TestBackend.builder().add(new TodoPlugin()).database(database).start();
 *     ...
 * }
 * </pre>
 *
 * When PostgreSQL cannot be reached the PostgreSQL case fails, naming the address; set
 * {@code -Dbackline.test.postgres=off} to run on H2 alone.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** H2, then PostgreSQL (unless {@code backline.test.postgres=off}). */
    public static Stream<TestDatabase> all() {
        return "off".equals(System.getProperty("backline.test.postgres")) ? Stream.of(TestDatabase.H2)
                : Stream.of(TestDatabase.H2, TestDatabase.POSTGRES);
    }

    /** Fails with what to do when PostgreSQL is not there; called before a PostgreSQL backend starts. */
    static void requireReachable(TestDatabase database) {
        if (database != TestDatabase.POSTGRES) {
            return;
        }
        String address = TestDatabase.postgresAddress();
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://" + address + "/postgres", "postgres", "")) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + address + " (user postgres) cannot be reached: " + e.getMessage()
                    + ". Start it, point BACKLINE_TEST_POSTGRES=host:port at one, or run with -Dbackline.test.postgres=off", e);
        }
    }
}
