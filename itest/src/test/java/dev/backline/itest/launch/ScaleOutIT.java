package dev.backline.itest.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.backline.itest.Await;
import dev.backline.itest.DatabaseFixtures;
import dev.backline.itest.Http;
import dev.backline.itest.launch.bundles.SlowTaskPluginActivator;

/**
 * Two launched jars on one PostgreSQL and one Redis, as the README's "Several instances" runs them: the catalog's
 * global refresh (every second) runs once per period on one instance at a time, its local heartbeat on each, the
 * summary one instance caches is served by the other, an event published on one reaches the other once, and when the
 * instance running the refresh is killed the other takes over.
 */
public class ScaleOutIT {

    private static final String PREFIX = "bl_scale_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private static final String CONFIG = "  database:\n    client: pg\n    prefix: " + PREFIX + "\n    connection:\n"
            + "      host: 127.0.0.1\n      port: 5432\n      user: postgres\n"
            + "  cache:\n    store: redis\n    connection: redis://127.0.0.1:6379\n"
            // a dead instance is found within about 8 s instead of 13 s
            + "  scheduler:\n    pollInterval: 500ms\n    clusterCheckinInterval: 500ms\n"
            + "catalog:\n  refresh:\n    interval: 1s\n";

    /** One run of a catalog task, as the catalog records it in its shared database. */
    record Run(String task, String instance, Instant start, Instant end) {
    }

    private final List<LaunchedBackend> backends = new ArrayList<>();

    @After
    public void stop() {
        backends.forEach(LaunchedBackend::close);
        DatabaseFixtures.pgAdmin("DROP DATABASE IF EXISTS \"" + PREFIX + "catalog\" WITH (FORCE)",
                "DROP DATABASE IF EXISTS \"" + PREFIX + "slowtask\" WITH (FORCE)",
                "DROP DATABASE IF EXISTS \"" + PREFIX + "events\" WITH (FORCE)");
    }

    private LaunchedBackend launch(String name) {
        LaunchedBackend backend = LaunchedBackend.in(name, CONFIG);
        backends.add(backend);
        return backend.start().awaitReady();
    }

    @Test
    public void aGlobalTaskRunsOncePerPeriodAcrossInstancesAndTheSurvivorTakesOver() throws Exception {
        LaunchedBackend a = launch("scale-a");
        LaunchedBackend b = launch("scale-b");
        Instant from = Instant.now();
        Thread.sleep(30_000); // thirty periods of the refresh, observed afterwards in the shared table
        Instant to = Instant.now();

        List<Run> refreshes = runs("refresh-entities", from, to);
        long seconds = Duration.between(from, to).toSeconds();
        String byInstance = refreshes.stream().collect(Collectors.groupingBy(Run::instance, Collectors.counting())).toString();
        assertTrue(refreshes.size() + " refreshes in " + seconds + " s (" + byInstance + ")",
                refreshes.size() >= seconds - 2 && refreshes.size() <= seconds + 1);
        for (int i = 1; i < refreshes.size(); i++) {
            Run previous = refreshes.get(i - 1);
            Run next = refreshes.get(i);
            assertTrue("runs overlap: " + previous + " and " + next, !next.start().isBefore(previous.end()));
            assertTrue("two runs of one period: " + previous + " and " + next,
                    Duration.between(previous.start(), next.start()).toMillis() >= 250);
        }
        // The local heartbeat runs on each instance.
        Map<String, Long> heartbeats = runs("heartbeat", from, to).stream()
                .collect(Collectors.groupingBy(Run::instance, Collectors.counting()));
        assertEquals("heartbeats by instance: " + heartbeats, 2, heartbeats.size());
        heartbeats.values().forEach(count -> assertTrue("heartbeats by instance: " + heartbeats, count >= seconds - 3));

        // The summary is cached in Redis: an instance serves the one another instance computed.
        Await.until("an instance serving the summary another computed", () -> List.of(a.get("/api/catalog/summary"),
                b.get("/api/catalog/summary")), responses -> responses.stream().anyMatch(ScaleOutIT::servedByAnother));

        // Events go through the events plugin's shared database: an entity stored on one instance is heard on the other.
        String name = "shared-" + System.nanoTime();
        Http.Response stored = a.post("/api/catalog/entities", "{\"kind\":\"Component\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"owner\":\"itest\"}}");
        assertEquals(stored.toString(), 201, stored.status());
        Await.until("instance b to hear of " + name, () -> b.getAuthorized("/api/example/catalog-events"),
                r -> r.isJson(200) && r.json().toString().contains("\"component:" + name + "\""));
        // a second event as a fence: once b heard it, a duplicate of the first would have arrived too
        String fence = name + "-fence";
        assertEquals(201, a.post("/api/catalog/entities", "{\"kind\":\"Component\",\"metadata\":{\"name\":\"" + fence
                + "\"},\"spec\":{\"owner\":\"itest\"}}").status());
        Http.Response heard = Await.until("instance b to hear of " + fence, () -> b.getAuthorized("/api/example/catalog-events"),
                r -> r.isJson(200) && r.json().toString().contains("\"component:" + fence + "\""));
        assertEquals(heard.toString(), 1, java.util.stream.StreamSupport.stream(heard.json().spliterator(), false)
                .filter(ref -> ref.asText().equals("component:" + name)).count());

        // Kill the instance that ran the latest refresh; the other takes the task over once it finds it dead.
        List<Run> latest = runs("refresh-entities", to.minusSeconds(5), Instant.now());
        String runner = latest.get(latest.size() - 1).instance();
        LaunchedBackend victim = runner.startsWith(a.pid() + "@") ? a : b;
        LaunchedBackend survivor = victim == a ? b : a;
        victim.signal("KILL");
        victim.awaitExit();
        Instant killed = Instant.now();
        List<Run> after = Await.until("a refresh by the survivor after the kill", () -> runs("refresh-entities", killed,
                Instant.now().plusSeconds(1)), found -> !found.isEmpty(), Duration.ofSeconds(40));
        assertTrue("refreshes after the kill: " + after, after.stream().allMatch(run -> run.instance().startsWith(survivor.pid() + "@")));
        assertNotEquals(runner, after.get(0).instance());
        assertEquals(200, survivor.get(Http.READINESS).status());
        System.out.println("ScaleOutIT: " + refreshes.size() + " refreshes in " + seconds + " s by " + byInstance
                + ", heartbeats " + heartbeats + "; the survivor's first refresh "
                + Duration.between(killed, after.get(0).start()).toMillis() + " ms after the kill");
    }

    @Test
    public void aRunLeftByAKilledInstanceIsPickedUpOnceTheOtherFindsItDead() throws Exception {
        LaunchedBackend a = LaunchedBackend.in("slow-a", CONFIG);
        LaunchedBackend b = LaunchedBackend.in("slow-b", CONFIG);
        for (LaunchedBackend backend : List.of(a, b)) {
            TestBundles.write(backend.deploy().resolve("slowtask.jar"), "itest.slowtask", SlowTaskPluginActivator.IMPORTS,
                    SlowTaskPluginActivator.class);
            backends.add(backend);
            backend.start().awaitReady();
        }
        // Wait for a run in progress, and kill its instance in the middle of it.
        SlowRun held = Await.until("a run of the slow task in progress", () -> slowRuns().stream()
                .filter(run -> run.end() == null).findFirst(), java.util.Optional::isPresent, Duration.ofSeconds(30)).get();
        LaunchedBackend victim = held.instance().startsWith(a.pid() + "@") ? a : b;
        LaunchedBackend survivor = victim == a ? b : a;
        victim.signal("KILL");
        victim.awaitExit();
        Instant killed = Instant.now();

        SlowRun next = Await.until("a run by the survivor", () -> slowRuns().stream()
                .filter(run -> run.start().isAfter(held.start())).findFirst(), java.util.Optional::isPresent,
                Duration.ofSeconds(40)).get();
        assertTrue("the next run is not the survivor's: " + next, next.instance().startsWith(survivor.pid() + "@"));
        // Quartz frees the dead instance's run when its check-ins have stopped for the interval plus 7.5 s: the task
        // waits that long rather than run twice at once.
        Duration wait = Duration.between(killed, next.start());
        assertTrue("the survivor ran the task " + wait.toMillis() + " ms after the kill, before it could know",
                wait.compareTo(Duration.ofSeconds(5)) >= 0);
        List<SlowRun> ended = slowRuns().stream().filter(run -> run.end() != null).toList();
        for (int i = 1; i < ended.size(); i++) {
            assertTrue("runs overlap: " + ended.get(i - 1) + " and " + ended.get(i),
                    !ended.get(i).start().isBefore(ended.get(i - 1).end()));
        }
        System.out.println("ScaleOutIT: the run of the killed instance was picked up " + wait.toMillis()
                + " ms after the kill");
    }

    /** A run of the slow task; {@code end} is null while it runs, and for ever when its instance died. */
    record SlowRun(String instance, Instant start, Instant end) {
    }

    private static List<SlowRun> slowRuns() throws SQLException {
        List<SlowRun> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + DatabaseFixtures.PG_HOST + ":"
                + DatabaseFixtures.PG_PORT + "/" + PREFIX + "slowtask", DatabaseFixtures.PG_ADMIN, "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT instance, started_at, ended_at FROM runs ORDER BY started_at");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Timestamp end = rows.getTimestamp(3);
                runs.add(new SlowRun(rows.getString(1), rows.getTimestamp(2).toInstant(),
                        end == null ? null : end.toInstant()));
            }
        } catch (SQLException notYetCreated) {
            if (!"3D000".equals(notYetCreated.getSQLState()) && !"42P01".equals(notYetCreated.getSQLState())) {
                throw notYetCreated;
            }
        }
        return runs;
    }

    private static boolean servedByAnother(Http.Response response) {
        if (response.status() != 200) {
            return false;
        }
        JsonNode body = response.json();
        return !body.path("summary").path("refreshedBy").asText().equals(body.path("servedBy").asText());
    }

    /** The runs of {@code task} that started in [from, to), by start. */
    private static List<Run> runs(String task, Instant from, Instant to) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + DatabaseFixtures.PG_HOST + ":"
                + DatabaseFixtures.PG_PORT + "/" + PREFIX + "catalog", DatabaseFixtures.PG_ADMIN, "");
                PreparedStatement query = connection.prepareStatement("SELECT task, instance, started_at, ended_at"
                        + " FROM task_runs WHERE task = ? AND started_at >= ? AND started_at < ? ORDER BY started_at")) {
            query.setString(1, task);
            query.setTimestamp(2, Timestamp.from(from));
            query.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Run(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getTimestamp(4).toInstant()));
                }
            }
        }
        return runs;
    }
}
