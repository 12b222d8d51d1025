package dev.backline.events.core;

import static dev.backline.events.core.EventsBackends.await;
import static dev.backline.events.core.EventsBackends.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsServiceSubscribeOptions;
import dev.backline.plugin.api.services.LogLevel;

/**
 * Two backends in one JVM, each its own instance (its own bus and instance id), sharing the events plugin's database
 * on the PostgreSQL of 127.0.0.1:5432.
 */
class EventsPostgresTest {

    private static final String TOPIC = "catalog.entity.stored";

    private final EventsBackends backends = new EventsBackends();

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    private EventsBackends.Instance start(Map<String, Object> database, Map<String, Object> rootConfig,
            List<EventParams> received) {
        return backends.startWithEventsPlugin(database, rootConfig, plugin("producer", events -> { }),
                plugin("listener", events -> events.subscribe(new EventsServiceSubscribeOptions("recorder",
                        List.of(TOPIC), received::add))));
    }

    private static List<Object> payloads(List<EventParams> events) {
        return events.stream().map(EventParams::eventPayload).toList();
    }

    private long rows() throws SQLException {
        try (Connection connection = backends.connectToEventsDatabase(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + PostgresRelay.TABLE)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anEventReachesTheOtherInstanceOnceAndThePublisherOnlyLocally() throws Exception {
        Map<String, Object> database = backends.postgres();
        List<EventParams> onA = new CopyOnWriteArrayList<>();
        List<EventParams> onB = new CopyOnWriteArrayList<>();
        EventsBackends.Instance a = start(database, Map.of(), onA);
        EventsBackends.Instance b = start(database, Map.of(), onB);

        int count = 50;
        for (int i = 0; i < count; i++) {
            a.of("producer").publish(new EventParams(TOPIC, Map.of("seq", i), Map.of("x-source", "a")));
        }
        List<Object> expected = new ArrayList<>(IntStream.range(0, count).mapToObj(i -> (Object) Map.of("seq", i)).toList());
        assertTrue(await(() -> onB.size() >= count), "B received " + onB.size());
        assertEquals(Map.of("x-source", "a"), onB.get(0).metadata());

        // A fence from B: notifications come in commit order, so had A taken its own events from the database too,
        // they would have reached it before B's fence.
        b.of("producer").publish(EventParams.of(TOPIC, "fence"));
        assertTrue(await(() -> onA.size() >= count + 1 && onB.size() >= count + 1), "A " + onA.size() + ", B " + onB.size());
        expected.add("fence");
        assertEquals(expected, payloads(onA), "A: its own events once (locally), then B's fence");
        assertEquals(expected, payloads(onB), "B: A's events once each, in A's order, then its own fence");
        assertEquals(count + 1, rows());
        assertEquals(2, backends.logs.lines(line -> line.level() == LogLevel.INFO && line.message().startsWith(
                "Events are shared with every instance using this PostgreSQL database")).size(),
                "each instance says it shares events: " + backends.logs.messages());
    }

    @Test
    void oldEventsArePrunedAndAListenerThatLostItsConnectionCatchesUp() throws Exception {
        Map<String, Object> database = backends.postgres();
        List<EventParams> onA = new CopyOnWriteArrayList<>();
        List<EventParams> onB = new CopyOnWriteArrayList<>();
        Map<String, Object> shortRetention = Map.of("events", Map.of("retention", "2s"));
        EventsBackends.Instance a = start(database, shortRetention, onA);
        start(database, shortRetention, onB);

        a.of("producer").publish(EventParams.of(TOPIC, "first"));
        assertTrue(await(() -> onB.size() == 1), "B received " + payloads(onB));
        assertTrue(await(() -> {
            try {
                return rows() == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }), "the event older than 2 s is still stored");

        // Every connection to the events database ends, the listeners' included: they reconnect, say so once, and
        // deliver what was stored meanwhile.
        try (Connection admin = backends.connectToEventsDatabase(); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()");
        }
        a.of("producer").publish(EventParams.of(TOPIC, "second"));
        assertTrue(await(() -> onB.size() == 2), "B received " + payloads(onB));
        assertEquals(List.of("first", "second"), payloads(onB));
        assertTrue(await(() -> backends.logs.contains("Listening for events of other instances again")),
                backends.logs.messages().toString());
        long lost = backends.logs.lines(line -> line.level() == LogLevel.WARN && line.message().startsWith(
                "Lost the events plugin's database connection")).size();
        assertTrue(lost >= 1 && lost <= 2, lost + " warnings for two listeners losing their connection once");
        assertEquals(List.of("first", "second"), payloads(onA));
    }
}
