package dev.backline.runtime.config;

import static dev.backline.runtime.config.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.backline.plugin.api.services.ConfigService.Subscription;

/** Runtime change of the root config: update, reload, subscribers. */
class DefaultRootConfigServiceTest {

    private final List<Exception> listenerFailures = new CopyOnWriteArrayList<>();

    private DefaultRootConfigService service(Map<String, ?> data) {
        ConfigReader initial = ConfigReader.of(data, "initial");
        return new DefaultRootConfigService(() -> initial, listenerFailures::add);
    }

    @Test
    void readsTheCurrentConfig() {
        DefaultRootConfigService service = service(Map.of("backend", Map.of("listen", Map.of("port", 7007))));

        assertEquals(7007, service.getInt("backend.listen.port"));
        assertEquals(7007, service.getConfig("backend").getInt("listen.port"));
        assertEquals(Optional.of("initial"), service.sourceOf("backend.listen.port"));
        assertEquals("Missing required config value at 'backend.baseUrl'",
                assertThrows(RuntimeException.class, () -> service.getString("backend.baseUrl")).getMessage());
    }

    @Test
    void updateNotifiesSubscribersWhoSeeTheNewValues() {
        DefaultRootConfigService service = service(Map.of("port", 7007));
        List<Integer> seen = new ArrayList<>();
        service.subscribe(() -> seen.add(service.getInt("port")));

        boolean changed = service.update(ConfigReader.of(Map.of("port", 7008), "second"));

        assertTrue(changed);
        assertEquals(List.of(7008), seen);
        assertEquals(7008, service.getInt("port"));
        assertEquals(Optional.of("second"), service.sourceOf("port"));
    }

    @Test
    void updateWithTheSameContentDoesNotNotify() {
        DefaultRootConfigService service = service(Map.of("port", 7007));
        AtomicInteger calls = new AtomicInteger();
        service.subscribe(calls::incrementAndGet);

        boolean changed = service.update(ConfigReader.of(Map.of("port", 7007), "initial"));

        assertFalse(changed);
        assertEquals(0, calls.get());
    }

    @Test
    void aChangedSourceAloneIsAChange() {
        DefaultRootConfigService service = service(Map.of("port", 7007));
        AtomicInteger calls = new AtomicInteger();
        service.subscribe(calls::incrementAndGet);

        assertTrue(service.update(ConfigReader.of(Map.of("port", 7007), "moved-to-another-file")));
        assertEquals(1, calls.get());
    }

    @Test
    void unsubscribeStopsNotifications() {
        DefaultRootConfigService service = service(Map.of("v", 0));
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Subscription subscription = service.subscribe(first::incrementAndGet);
        service.subscribe(second::incrementAndGet);

        service.update(ConfigReader.of(Map.of("v", 1)));
        subscription.unsubscribe();
        subscription.unsubscribe();
        service.update(ConfigReader.of(Map.of("v", 2)));

        assertEquals(1, first.get());
        assertEquals(2, second.get());
    }

    @Test
    void theSameRunnableSubscribedTwiceHasTwoIndependentSubscriptions() {
        DefaultRootConfigService service = service(Map.of("v", 0));
        AtomicInteger calls = new AtomicInteger();
        Runnable listener = calls::incrementAndGet;
        Subscription one = service.subscribe(listener);
        service.subscribe(listener);

        one.unsubscribe();
        service.update(ConfigReader.of(Map.of("v", 1)));

        assertEquals(1, calls.get());
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthersAndIsReported() {
        DefaultRootConfigService service = service(Map.of("v", 0));
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("listener bug");
        service.subscribe(before::incrementAndGet);
        service.subscribe(() -> {
            throw boom;
        });
        service.subscribe(after::incrementAndGet);

        boolean changed = service.update(ConfigReader.of(Map.of("v", 1)));

        assertTrue(changed);
        assertEquals(1, before.get());
        assertEquals(1, after.get());
        assertEquals(1, listenerFailures.size());
        assertSame(boom, listenerFailures.get(0));
        assertEquals(1, service.getInt("v"));
    }

    @Test
    void theDefaultFailureReportLogsAndCarriesOn() {
        DefaultRootConfigService service = new DefaultRootConfigService(ConfigReader.of(Map.of("v", 0)));
        AtomicInteger after = new AtomicInteger();
        service.subscribe(() -> {
            throw new IllegalStateException("expected in this test: a failing listener is logged");
        });
        service.subscribe(after::incrementAndGet);

        service.update(ConfigReader.of(Map.of("v", 1)));

        assertEquals(1, after.get());
    }

    @Test
    void reloadRunsTheLoaderAgain(@TempDir Path dir) {
        write(dir, "app-config.yaml", "backend:", "  listen:", "    port: 7007");
        ConfigLoader loader = ConfigLoader.builder().baseDirectory(dir).environment(Map.of()).build();
        DefaultRootConfigService service = new DefaultRootConfigService(loader::load, listenerFailures::add);
        List<Integer> seen = new ArrayList<>();
        service.subscribe(() -> seen.add(service.getInt("backend.listen.port")));

        assertFalse(service.reload(), "nothing changed on disk");
        write(dir, "app-config.yaml", "backend:", "  listen:", "    port: 7010");
        assertTrue(service.reload());

        assertEquals(List.of(7010), seen);
    }

    @Test
    void aFailedReloadKeepsTheCurrentConfigAndNotifiesNobody(@TempDir Path dir) {
        write(dir, "app-config.yaml", "port: 7007");
        DefaultRootConfigService service = DefaultRootConfigService.load(
                ConfigLoader.builder().baseDirectory(dir).environment(Map.of()).build());
        AtomicInteger calls = new AtomicInteger();
        service.subscribe(calls::incrementAndGet);
        write(dir, "app-config.yaml", "port: [7007");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, service::reload);

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 2"), e.getMessage());
        assertEquals(7007, service.getInt("port"));
        assertEquals(0, calls.get());
    }

    @Test
    void concurrentReadersAlwaysSeeOneWholeConfiguration() throws Exception {
        DefaultRootConfigService service = service(Map.of("a", 0, "b", 0));
        AtomicInteger torn = new AtomicInteger();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                ConfigReader snapshot = service.snapshot();
                if (snapshot.getInt("a") != snapshot.getInt("b")) {
                    torn.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int i = 1; i <= 2_000; i++) {
            service.update(ConfigReader.of(Map.of("a", i, "b", i)));
        }
        reader.join();

        assertEquals(0, torn.get());
        assertEquals(2_000, service.getInt("a"));
    }
}
