package dev.backline.events.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.backline.events.core.BusEvent;

/** The Event Admin bus against a stand-in Event Admin that calls matching handlers on the posting thread. */
class EventAdminBusTest {

    /** A registered handler with its properties. */
    record Registered(EventHandler handler, Dictionary<String, ?> properties) {
    }

    private final List<Registered> handlers = new CopyOnWriteArrayList<>();
    private final List<Event> posted = new CopyOnWriteArrayList<>();

    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
            for (Registered registered : handlers) {
                if (List.of((String[]) registered.properties().get(EventConstants.EVENT_TOPIC)).contains(event.getTopic())) {
                    registered.handler().handleEvent(event);
                }
            }
        }

        @Override
        public void sendEvent(Event event) {
            postEvent(event);
        }
    };

    @SuppressWarnings("unchecked")
    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Registered registered = new Registered((EventHandler) args[1], (Dictionary<String, ?>) args[2]);
                handlers.add(registered);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (p, m, a) -> {
                            if (m.getName().equals("unregister")) {
                                handlers.remove(registered);
                                return null;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
            });

    @Test
    void backstageTopicsMapToValidEventAdminTopics() {
        assertEquals("dev/backline/events/catalog/entity/stored", EventAdminBus.eventAdminTopic("catalog.entity.stored"));
        assertEquals("dev/backline/events/github", EventAdminBus.eventAdminTopic("github"));
        assertEquals("dev/backline/events/a/_/b_c/_", EventAdminBus.eventAdminTopic("a..b:c."));
    }

    @Test
    void aSlowSubscriberNeverHoldsEventAdminsThreadAndKeepsItsOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        try (EventAdminBus bus = new EventAdminBus(context, eventAdmin)) {
            bus.subscribe("catalog/slow", Set.of("catalog.entity.stored"), event -> {
                try {
                    release.await(); // a subscriber that takes longer than Event Admin's timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(event.payloadJson());
            });
            Registered registered = handlers.get(0);
            assertArrayEquals(new String[] {"dev/backline/events/catalog/entity/stored"},
                    (String[]) registered.properties().get(EventConstants.EVENT_TOPIC));
            assertEquals(EventConstants.DELIVERY_ASYNC_ORDERED, registered.properties().get(EventConstants.EVENT_DELIVERY));

            for (int i = 0; i < 20; i++) {
                bus.post(new BusEvent("catalog.entity.stored", String.valueOf(i), Map.of("k", "v"), "instance-a", "catalog"));
            }
            // the same Event Admin topic, another Backstage topic: not this subscriber's
            bus.post(new BusEvent("catalog.entity:stored", "\"other\"", Map.of(), "instance-a", "catalog"));
            assertEquals(21, posted.size(), "every post returned while the subscriber was blocked");
            Event first = posted.get(0);
            assertEquals("catalog.entity.stored", first.getProperty(EventAdminBus.TOPIC));
            assertEquals("0", first.getProperty(EventAdminBus.PAYLOAD));
            assertEquals(Map.of("k", "v"), first.getProperty(EventAdminBus.METADATA));
            assertEquals("instance-a", first.getProperty(EventAdminBus.ORIGIN));
            assertEquals("catalog", first.getProperty(EventAdminBus.PLUGIN));

            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling the deliveries, up to the deadline
            }
            assertEquals(java.util.stream.IntStream.range(0, 20).mapToObj(String::valueOf).toList(), received);
        }
        assertTrue(handlers.isEmpty(), "closing the bus unregisters its handlers");
    }
}
