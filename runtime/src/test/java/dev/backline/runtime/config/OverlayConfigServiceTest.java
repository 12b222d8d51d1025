package dev.backline.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.ConfigService;

/** A plugin's view: the root config with an overlay (later: its ConfigAdmin configuration) merged over it. */
class OverlayConfigServiceTest {

    private static final String SOURCE = "ConfigAdmin backline.plugin.catalog";

    private final List<Exception> listenerFailures = new CopyOnWriteArrayList<>();
    private DefaultRootConfigService root;
    private OverlayConfigService view;

    @BeforeEach
    void setUp() {
        root = new DefaultRootConfigService(() -> ConfigReader.of(Map.of(
                "backend", Map.of("baseUrl", "http://localhost:7007"),
                "catalog", Map.of(
                        "rules", List.of("Component", "API"),
                        "processing", Map.of("interval", 100, "enabled", true))), "app-config.yaml"),
                listenerFailures::add);
        view = new OverlayConfigService(root, SOURCE, listenerFailures::add);
    }

    @Test
    void withoutOverlayTheViewIsTheRoot() {
        assertEquals(root.get(), view.get());
        assertEquals(Optional.of("app-config.yaml"), view.sourceOf("backend.baseUrl"));
    }

    @Test
    void overlayValuesEqualToTheRootKeepTheRootAsTheirSource() {
        // What the host seeds into ConfigAdmin: a copy of the root subtree, with one value changed.
        view.setOverlay(Map.of("catalog", Map.of(
                "rules", List.of("Component", "API"),
                "processing", Map.of("interval", 100, "enabled", false))));

        assertEquals(Optional.of("app-config.yaml"), view.sourceOf("catalog.processing.interval"));
        assertEquals(Optional.of("app-config.yaml"), view.sourceOf("catalog.rules[0]"));
        assertEquals(Optional.of(SOURCE), view.sourceOf("catalog.processing.enabled"));
        assertFalse(view.getBoolean("catalog.processing.enabled"));
    }

    @Test
    void anOverlayValueEqualToTheOldRootStillWinsWhenTheRootChanges() {
        AtomicInteger interval = new AtomicInteger(100);
        DefaultRootConfigService changing = new DefaultRootConfigService(() -> ConfigReader.of(Map.of(
                "catalog", Map.of("processing", Map.of("interval", interval.get()))), "app-config.yaml"),
                listenerFailures::add);
        OverlayConfigService pinned = new OverlayConfigService(changing, SOURCE, listenerFailures::add);
        pinned.setOverlay(Map.of("catalog.processing.interval", 100));

        interval.set(200);
        changing.reload();

        assertEquals(100, pinned.getInt("catalog.processing.interval"));
        assertEquals(Optional.of(SOURCE), pinned.sourceOf("catalog.processing.interval"));
    }

    @Test
    void overlayMergesDeeplyAndReplacesArrays() {
        view.setOverlay(Map.of("catalog", Map.of(
                "rules", List.of("Template"),
                "processing", Map.of("interval", 5))));

        assertEquals(List.of("Template"), view.getStringArray("catalog.rules"));
        assertEquals(5, view.getInt("catalog.processing.interval"));
        assertTrue(view.getBoolean("catalog.processing.enabled"));
        assertEquals("http://localhost:7007", view.getString("backend.baseUrl"));
        assertEquals(Optional.of(SOURCE), view.sourceOf("catalog.processing.interval"));
        assertEquals(Optional.of(SOURCE), view.sourceOf("catalog.rules[0]"));
        assertEquals(Optional.of("app-config.yaml"), view.sourceOf("catalog.processing.enabled"));
        assertEquals(List.of("Component", "API"), root.getStringArray("catalog.rules"), "the root is untouched");
    }

    @Test
    void flatDottedKeysAndConfigAdminValueTypesAreAccepted() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("catalog.rules", new String[] {"System"});
        properties.put("catalog.processing.interval", 30L);
        properties.put("catalog.processing.mode", 'x');
        properties.put("catalog.locations", List.of(Map.of("type", "url")));

        view.setOverlay(properties);

        assertEquals(List.of("System"), view.getStringArray("catalog.rules"));
        assertEquals(30, view.getInt("catalog.processing.interval"));
        assertEquals("x", view.getString("catalog.processing.mode"));
        assertEquals("url", view.getConfigArray("catalog.locations").get(0).getString("type"));
        assertTrue(view.getBoolean("catalog.processing.enabled"));
        assertEquals(Map.of("catalog", Map.of("rules", List.of("System"), "processing",
                Map.of("interval", 30L, "mode", "x"), "locations", List.of(Map.of("type", "url")))), view.overlay());
    }

    @Test
    void contradictingOverlayKeysAreRejectedNamingBoth() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("catalog.processing", 1);
        properties.put("catalog.processing.interval", 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> view.setOverlay(properties));

        assertTrue(e.getMessage().contains("'catalog.processing.interval'") && e.getMessage().contains("'catalog.processing'"),
                e.getMessage());
        assertEquals(100, view.getInt("catalog.processing.interval"), "a rejected overlay changes nothing");
    }

    @Test
    void contradictingOverlayKeysInTheOtherOrderAreRejectedNamingBoth() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("catalog.processing.interval", 2);
        properties.put("catalog.processing", 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> view.setOverlay(properties));

        assertEquals("Config key 'catalog.processing' sets 'catalog.processing', which key"
                + " 'catalog.processing.interval' already set", e.getMessage());
    }

    @Test
    void setOverlayNotifiesSubscribersOnlyWhenTheViewChanges() {
        List<Integer> seen = new ArrayList<>();
        view.subscribe(() -> seen.add(view.getInt("catalog.processing.interval")));

        assertTrue(view.setOverlay(Map.of("catalog.processing.interval", 7)));
        assertFalse(view.setOverlay(Map.of("catalog", Map.of("processing", Map.of("interval", 7)))));
        assertTrue(view.setOverlay(Map.of()));

        assertEquals(List.of(7, 100), seen);
    }

    @Test
    void rootChangesReachTheViewsSubscribers() {
        view.setOverlay(Map.of("catalog.processing.interval", 7));
        List<String> seen = new ArrayList<>();
        view.subscribe(() -> seen.add(view.getString("backend.baseUrl")));

        root.update(ConfigReader.of(Map.of("backend", Map.of("baseUrl", "http://new"),
                "catalog", Map.of("processing", Map.of("interval", 100))), "app-config.local.yaml"));

        assertEquals(List.of("http://new"), seen);
        assertEquals(7, view.getInt("catalog.processing.interval"), "the overlay still wins");
        assertEquals(Optional.of("app-config.local.yaml"), view.sourceOf("backend.baseUrl"));
    }

    @Test
    void aRootChangeHiddenByTheOverlayDoesNotNotify() {
        view.setOverlay(Map.of("catalog.processing.interval", 7));
        Map<String, Object> before = root.snapshot().get();
        AtomicInteger calls = new AtomicInteger();
        view.subscribe(calls::incrementAndGet);

        Map<String, Object> changed = new LinkedHashMap<>(before);
        changed.put("catalog", Map.of("rules", List.of("Component", "API"),
                "processing", Map.of("interval", 999, "enabled", true)));
        assertTrue(root.update(ConfigReader.of(changed, "app-config.yaml")));

        assertEquals(0, calls.get());
        assertEquals(7, view.getInt("catalog.processing.interval"));
    }

    @Test
    void aThrowingViewListenerDoesNotStopTheOthers() {
        AtomicInteger after = new AtomicInteger();
        view.subscribe(() -> {
            throw new IllegalStateException("plugin bug");
        });
        view.subscribe(after::incrementAndGet);

        view.setOverlay(Map.of("x", 1));

        assertEquals(1, after.get());
        assertEquals(1, listenerFailures.size());
        assertEquals("plugin bug", listenerFailures.get(0).getMessage());
    }

    @Test
    void closeDetachesTheViewFromTheRoot() {
        AtomicInteger calls = new AtomicInteger();
        view.subscribe(calls::incrementAndGet);

        view.close();
        root.update(ConfigReader.of(Map.of("backend", Map.of("baseUrl", "http://after-close"))));

        assertEquals(0, calls.get());
        assertEquals("http://localhost:7007", view.getString("backend.baseUrl"));
    }

    @Test
    void anyConfigServiceCanBeTheBase() {
        List<Runnable> baseListeners = new ArrayList<>();
        Map<String, Object> baseData = new LinkedHashMap<>(Map.of("a", 1, "b", 2));
        // Only what the view uses: get() and subscribe().
        ConfigService foreign = (ConfigService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "get":
                            return Map.copyOf(baseData);
                        case "subscribe":
                            baseListeners.add((Runnable) args[0]);
                            return (ConfigService.Subscription) () -> baseListeners.remove(args[0]);
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        OverlayConfigService overForeign = new OverlayConfigService(foreign, SOURCE, listenerFailures::add);
        AtomicInteger calls = new AtomicInteger();
        overForeign.subscribe(calls::incrementAndGet);

        overForeign.setOverlay(Map.of("b", 20));
        baseData.put("a", 10);
        baseListeners.forEach(Runnable::run);

        assertEquals(10, overForeign.getInt("a"));
        assertEquals(20, overForeign.getInt("b"));
        assertEquals(Optional.of("base config"), overForeign.sourceOf("a"));
        assertEquals(Optional.of(SOURCE), overForeign.sourceOf("b"));
        assertEquals(2, calls.get());
        overForeign.close();
        assertTrue(baseListeners.isEmpty());
    }

    @Test
    void viewsOfDifferentPluginsAreIndependent() {
        OverlayConfigService other = new OverlayConfigService(root, "ConfigAdmin backline.plugin.scaffolder");

        view.setOverlay(Map.of("catalog.processing.interval", 1));

        assertEquals(1, view.getInt("catalog.processing.interval"));
        assertEquals(100, other.getInt("catalog.processing.interval"));
        other.close();
    }
}
