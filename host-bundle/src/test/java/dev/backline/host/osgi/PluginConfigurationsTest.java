package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Per-plugin ConfigAdmin configurations: seeding, operator changes, launches, refusals; on a map store. */
class PluginConfigurationsTest {

    /** ConfigAdmin as a map; {@code fileBacked} marks configurations an operator's file owns. */
    static class MapStore implements ConfigurationStore {
        final Map<String, Map<String, Object>> configurations = new HashMap<>();
        final Set<String> fileBacked = new HashSet<>();
        int writes;

        @Override
        public Optional<Map<String, Object>> read(String pid) {
            return Optional.ofNullable(configurations.get(pid)).map(LinkedHashMap::new);
        }

        @Override
        public void write(String pid, Map<String, Object> properties) {
            writes++;
            configurations.put(pid, new LinkedHashMap<>(properties));
        }

        @Override
        public void delete(String pid) {
            configurations.remove(pid);
        }

        @Override
        public boolean fileBacked(String pid) {
            return fileBacked.contains(pid);
        }

        void set(String pid, String key, Object value) {
            configurations.get(pid).put(key, value);
        }
    }

    private static final PluginConfigurations.Validator ACCEPT_ALL = (pluginId, overlay) -> { };

    private final MapStore store = new MapStore();
    private final PluginConfigurations configurations = new PluginConfigurations(store, () -> Set.of("example.apiToken"));

    private static Map<String, Object> subtree(String value) {
        return Map.of("value", value, "nested", Map.of("level", 3), "tags", List.of("a", "b"),
                "apiToken", "s3cret", "rules", List.of(Map.of("allow", "x")));
    }

    @Test
    void theFirstStartSeedsTheConfigurationWithoutSecretsAndOverlaysNothing() {
        Map<String, Object> overlay = configurations.overlayForStart("example", subtree("one"));

        assertEquals(Map.of(), overlay);
        Map<String, Object> seeded = store.configurations.get("backline.plugin.example");
        assertEquals("one", seeded.get("value"));
        assertEquals(3, seeded.get("nested.level"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) seeded.get("tags"));
        assertEquals("[{\"allow\":\"x\"}]", seeded.get("rules"), "a list of objects is JSON text");
        assertFalse(seeded.containsKey("apiToken"), "secrets never rest in ConfigAdmin");
        assertTrue(seeded.containsKey(PluginConfigurations.SEED_PROPERTY));
    }

    @Test
    void theHostsOwnSeedIsNotAChangeEvenWhenItsEventArrivesDuringTheWrite() {
        List<PluginConfigurations.Change> seenAtWrites = new java.util.ArrayList<>();
        PluginConfigurations[] underTest = new PluginConfigurations[1];
        MapStore eventful = new MapStore() {
            @Override
            public void write(String pid, Map<String, Object> properties) {
                super.write(pid, properties);
                // ConfigAdmin may hand the write's event to the host thread before the write returns
                seenAtWrites.add(underTest[0].changed("example", ACCEPT_ALL));
            }
        };
        underTest[0] = new PluginConfigurations(eventful, () -> Set.of("example.apiToken"));

        underTest[0].overlayForStart("example", subtree("one"));
        eventful.set("backline.plugin.example", "value", "operator's");
        assertInstanceOf(PluginConfigurations.Change.Restart.class, underTest[0].changed("example", ACCEPT_ALL));
        underTest[0].overlayForStart("example", subtree("one"));
        eventful.delete("backline.plugin.example");
        assertInstanceOf(PluginConfigurations.Change.Restart.class, underTest[0].changed("example", ACCEPT_ALL),
                "the operator took their change back");
        underTest[0].overlayForStart("example", subtree("one"));

        assertEquals(2, seenAtWrites.size(), "the first start and the start after the delete seed: " + seenAtWrites);
        seenAtWrites.forEach(change -> assertInstanceOf(PluginConfigurations.Change.None.class, change));
    }

    @Test
    void anOperatorChangeRestartsThePluginAndOverlaysOnlyWhatChanged() {
        configurations.overlayForStart("example", subtree("one"));
        assertInstanceOf(PluginConfigurations.Change.None.class, configurations.changed("example", ACCEPT_ALL),
                "the seed coming back as an event is no change");

        store.set("backline.plugin.example", "value", "two");
        store.set("backline.plugin.example", "added", true);

        assertInstanceOf(PluginConfigurations.Change.Restart.class, configurations.changed("example", ACCEPT_ALL));
        assertEquals(Map.of("value", "two", "added", true), configurations.overlayForStart("example", subtree("one")));
    }

    @Test
    void seededValuesFollowTheRootConfigurationAcrossLaunchesWhileOperatorChangesStay() {
        configurations.overlayForStart("example", subtree("one"));
        store.set("backline.plugin.example", "nested.level", 7);

        // The next launch: a new host, the same (persisted) store, app-config.yaml edited meanwhile.
        PluginConfigurations nextLaunch = new PluginConfigurations(store, () -> Set.of("example.apiToken"));
        Map<String, Object> overlay = nextLaunch.overlayForStart("example", subtree("edited in the file"));

        assertEquals(Map.of("nested.level", 7), overlay, "the file's new value is not hidden by the old seed");
        assertEquals("edited in the file", store.configurations.get("backline.plugin.example").get("value"));
        assertEquals(7, store.configurations.get("backline.plugin.example").get("nested.level"));
    }

    @Test
    void aConfigurationTheHostDidNotCreateIsTheOperatorsAsAWholeAndNeverWritten() {
        store.configurations.put("backline.plugin.example", new LinkedHashMap<>(Map.of("value", "from a .cfg file")));
        store.fileBacked.add("backline.plugin.example");

        assertEquals(Map.of("value", "from a .cfg file"), configurations.overlayForStart("example", subtree("one")));
        assertEquals(0, store.writes);
    }

    @Test
    void aChangeTheValidatorRejectsIsRefusedAndTheLastGoodOverlayStaysInForce() {
        configurations.overlayForStart("example", subtree("one"));
        store.set("backline.plugin.example", "value", "good");
        configurations.changed("example", ACCEPT_ALL);
        configurations.overlayForStart("example", subtree("one"));

        store.set("backline.plugin.example", "nested.level", "not a number");
        PluginConfigurations.Validator rejectsText = (pluginId, overlay) -> {
            if ("not a number".equals(overlay.get("nested.level"))) {
                throw new IllegalArgumentException("Invalid type in config for key 'example.nested.level'");
            }
        };
        PluginConfigurations.Change change = configurations.changed("example", rejectsText);

        assertEquals(new PluginConfigurations.Change.Refused("Invalid type in config for key 'example.nested.level'"), change);
        assertEquals(Map.of("value", "good"), configurations.overlayForStart("example", subtree("one")),
                "a later restart still runs on the last good values");
        assertInstanceOf(PluginConfigurations.Change.None.class, configurations.changed("example", rejectsText),
                "the same refused values again are no news");

        store.set("backline.plugin.example", "nested.level", 9);
        assertInstanceOf(PluginConfigurations.Change.Restart.class, configurations.changed("example", rejectsText));
        assertEquals(Map.of("value", "good", "nested.level", 9), configurations.overlayForStart("example", subtree("one")));
    }

    @Test
    void aListOfObjectsChangedAsJsonTextReachesThePluginAsStructure() {
        configurations.overlayForStart("example", subtree("one"));
        store.set("backline.plugin.example", "rules", "[{\"allow\":\"y\"},{\"deny\":\"z\"}]");

        Map<String, Object> overlay = configurations.overlayForStart("example", subtree("one"));

        assertEquals(Map.of("rules", List.of(Map.of("allow", "y"), Map.of("deny", "z"))), overlay);
    }

    @Test
    void onlyPerPluginPidsNameAPlugin() {
        assertEquals(Optional.of("catalog"), PluginConfigurations.pluginIdOf("backline.plugin.catalog"));
        assertEquals(Optional.empty(), PluginConfigurations.pluginIdOf("org.apache.felix.http"));
        assertEquals(Optional.empty(), PluginConfigurations.pluginIdOf("backline.plugin."));
    }
}
