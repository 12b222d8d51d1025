package dev.backline.events.core;

import static dev.backline.events.core.EventsBackends.await;
import static dev.backline.events.core.EventsBackends.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.EventParams;
import dev.backline.plugin.api.services.EventsService;
import dev.backline.plugin.api.services.EventsServiceSubscribeOptions;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.runtime.logging.LogLine;

/** {@code core.events} in backends of the wiring core, on the in-process bus. */
class EventsServiceTest {

    private final EventsBackends backends = new EventsBackends();

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    record Stored(String entityRef, int count, List<String> tags, Boolean deleted, String owner) {
    }

    @Test
    void subscribersOfATopicReceiveItsEventsAsPlainJsonValues() throws Exception {
        List<EventParams> received = new CopyOnWriteArrayList<>();
        List<EventParams> other = new CopyOnWriteArrayList<>();
        EventsBackends.Instance instance = backends.start(
                plugin("catalog", events -> { }),
                plugin("search", events -> {
                    events.subscribe(new EventsServiceSubscribeOptions("indexer", List.of("catalog.entity.stored"),
                            received::add));
                    events.subscribe(new EventsServiceSubscribeOptions("other", List.of("catalog.entity.deleted"),
                            other::add));
                }));

        instance.of("catalog").publish(new EventParams("catalog.entity.stored",
                new Stored("component:a", 3, List.of("x", "y"), false, null), Map.of("source", "test")));
        instance.of("catalog").publish(EventParams.of("catalog.entity.stored", "just a string"));
        instance.of("catalog").publish(EventParams.of("catalog.entity.stored", null));

        assertTrue(await(() -> received.size() == 3), "received " + received);
        EventParams first = received.get(0);
        assertEquals("catalog.entity.stored", first.topic());
        assertInstanceOf(Map.class, first.eventPayload(), "a record arrives as a map");
        Map<String, Object> expected = new HashMap<>();
        expected.put("entityRef", "component:a");
        expected.put("count", 3);
        expected.put("tags", List.of("x", "y"));
        expected.put("deleted", false);
        expected.put("owner", null);
        assertEquals(expected, first.eventPayload());
        assertEquals(Map.of("source", "test"), first.metadata());
        assertEquals("just a string", received.get(1).eventPayload());
        assertNull(received.get(2).eventPayload());
        assertTrue(other.isEmpty(), "a subscriber of another topic received " + other);
    }

    @Test
    void eachSubscriberReceivesOneEventAtATimeInEachPublishersOrder() throws Exception {
        int publishers = 4;
        int perPublisher = 500;
        Map<String, List<Map<?, ?>>> received = new LinkedHashMap<>();
        Map<String, AtomicInteger> maxInFlight = new LinkedHashMap<>();
        List<String> subscriberIds = List.of("first", "second");
        for (String id : subscriberIds) {
            received.put(id, new CopyOnWriteArrayList<>());
            maxInFlight.put(id, new AtomicInteger());
        }
        EventsBackends.Instance instance = backends.start(plugin("producer", events -> { }), plugin("consumer", events -> {
            for (String id : subscriberIds) {
                AtomicInteger inFlight = new AtomicInteger();
                events.subscribe(new EventsServiceSubscribeOptions(id, List.of("load.tick"), event -> {
                    int now = inFlight.incrementAndGet();
                    maxInFlight.get(id).accumulateAndGet(now, Math::max);
                    received.get(id).add((Map<?, ?>) event.eventPayload());
                    inFlight.decrementAndGet();
                }));
            }
        }));

        EventsService producer = instance.of("producer");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int seq = 0; seq < perPublisher; seq++) {
                    producer.publish(EventParams.of("load.tick", Map.of("publisher", publisher, "seq", seq)));
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        for (String id : subscriberIds) {
            List<Map<?, ?>> events = received.get(id);
            assertTrue(await(() -> events.size() == publishers * perPublisher),
                    id + " received " + events.size() + " of " + publishers * perPublisher);
            int[] next = new int[publishers];
            for (Map<?, ?> event : events) {
                int publisher = (Integer) event.get("publisher");
                assertEquals(next[publisher], event.get("seq"), id + ": out of order for publisher " + publisher);
                next[publisher]++;
            }
            assertEquals(1, maxInFlight.get(id).get(), id + " ran two events at once");
        }
    }

    @Test
    void aThrowingSubscriberIsLoggedAndNeitherItsNextEventsNorOtherSubscribersSuffer() throws Exception {
        AtomicInteger failingCalls = new AtomicInteger();
        List<Object> good = new CopyOnWriteArrayList<>();
        EventsBackends.Instance instance = backends.start(plugin("producer", events -> { }), plugin("consumer", events -> {
            events.subscribe(new EventsServiceSubscribeOptions("flaky", List.of("jobs.done"), event -> {
                failingCalls.incrementAndGet();
                throw new IllegalStateException("cannot handle " + event.eventPayload());
            }));
            events.subscribe(new EventsServiceSubscribeOptions("steady", List.of("jobs.done"), event -> good.add(event.eventPayload())));
        }));

        for (int i = 0; i < 3; i++) {
            instance.of("producer").publish(EventParams.of("jobs.done", i));
        }

        assertTrue(await(() -> good.size() == 3 && failingCalls.get() == 3
                && failures("flaky").size() == 3),
                "steady " + good + ", flaky called " + failingCalls + " times, logged " + failures("flaky"));
        assertEquals(List.of(0, 1, 2), good);
        LogLine line = failures("flaky").get(0);
        assertEquals("consumer", line.fields().get("plugin"));
        assertEquals("jobs.done", line.fields().get("topic"));
        assertEquals("producer", line.fields().get("eventPlugin"));
        assertEquals("Events subscriber 'flaky' of plugin 'consumer' failed on an event of topic 'jobs.done'", line.message());
        assertEquals("cannot handle 0", line.error().getMessage());
    }

    private List<LogLine> failures(String subscriber) {
        return backends.logs.lines(line -> line.level() == LogLevel.ERROR && subscriber.equals(line.fields().get("subscriber")));
    }

    @Test
    void aSubscriberIdIsUniqueWithinItsPlugin() {
        EventsBackends.Instance instance = backends.start(plugin("one", events -> { }), plugin("two", events -> { }));
        EventsServiceSubscribeOptions options = new EventsServiceSubscribeOptions("watcher", List.of("a.b"), event -> { });
        instance.of("one").subscribe(options);

        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> instance.of("one").subscribe(new EventsServiceSubscribeOptions("watcher", List.of("c.d"), event -> { })));
        assertEquals("Plugin 'one' already has an events subscriber 'watcher'; subscriber ids are unique within a plugin",
                duplicate.getMessage());
        instance.of("two").subscribe(options); // another plugin's subscriber of the same id
        assertEquals(2, instance.bus().subscriptionCount());
    }

    @Test
    void subscriptionsEndWhenThePluginStopsAndComeBackWithItsRestart() throws Exception {
        List<Object> stopping = new CopyOnWriteArrayList<>();
        List<Object> staying = new CopyOnWriteArrayList<>();
        EventsBackends.Instance instance = backends.start(plugin("producer", events -> { }),
                plugin("stopping", events -> events.subscribe(new EventsServiceSubscribeOptions("s", List.of("t.x"),
                        event -> stopping.add(event.eventPayload())))),
                plugin("staying", events -> events.subscribe(new EventsServiceSubscribeOptions("s", List.of("t.x"),
                        event -> staying.add(event.eventPayload())))));
        EventsService producer = instance.of("producer");
        EventsService stoppedService = instance.of("stopping");
        producer.publish(EventParams.of("t.x", "before"));
        assertTrue(await(() -> stopping.size() == 1 && staying.size() == 1), stopping + " " + staying);

        instance.backend().initializer().stopPlugin("stopping");
        assertEquals(1, instance.bus().subscriptionCount(), "the stopped plugin's subscription is gone");
        producer.publish(EventParams.of("t.x", "while stopped"));
        assertTrue(await(() -> staying.size() == 2), "staying " + staying);
        assertEquals(List.of("before"), stopping);
        IllegalStateException stopped = assertThrows(IllegalStateException.class,
                () -> stoppedService.subscribe(new EventsServiceSubscribeOptions("late", List.of("t.x"), event -> { })));
        assertTrue(stopped.getMessage().contains("Plugin 'stopping' has stopped"), stopped.getMessage());

        instance.backend().initializer().startPlugin("stopping");
        assertEquals(2, instance.bus().subscriptionCount());
        producer.publish(EventParams.of("t.x", "after"));
        assertTrue(await(() -> stopping.size() == 2 && staying.size() == 3), stopping + " " + staying);
        assertEquals(List.of("before", "after"), stopping, "received once after the restart");
    }

    @Test
    void aPayloadThatCannotBeJsonIsRefusedNamingTopicAndPlugin() {
        EventsBackends.Instance instance = backends.start(plugin("producer", events -> { }));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> instance.of("producer").publish(EventParams.of("odd.thing", new Object())));
        assertTrue(refused.getMessage().startsWith("The payload of an event on topic 'odd.thing' published by plugin"
                + " 'producer' cannot be written as JSON (java.lang.Object): "), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }
}
