package dev.backline.runtime.config;

import static dev.backline.runtime.config.TestFiles.load;
import static dev.backline.runtime.config.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.ConfigException;

/** Typed getters, key paths, error messages, copies and provenance of {@link ConfigReader}. */
class ConfigReaderTest {

    @TempDir
    Path dir;

    private static ConfigReader reader(Map<String, ?> data) {
        return ConfigReader.of(data);
    }

    private static String message(Executable call) {
        return assertThrows(ConfigException.class, call).getMessage();
    }

    @Test
    void typedGettersReadValues() {
        ConfigReader config = reader(Map.of(
                "backend", Map.of(
                        "baseUrl", "http://localhost:7007",
                        "listen", Map.of("port", 7007),
                        "enabled", true,
                        "ratio", 0.5,
                        "origins", List.of("a", "b"),
                        "plugins", List.of(Map.of("id", "catalog"), Map.of("id", "scaffolder")))));

        assertEquals("http://localhost:7007", config.getString("backend.baseUrl"));
        assertEquals(7007, config.getInt("backend.listen.port"));
        assertEquals(7007.0, config.getNumber("backend.listen.port"));
        assertTrue(config.getBoolean("backend.enabled"));
        assertEquals(0.5, config.getNumber("backend.ratio"));
        assertEquals(List.of("a", "b"), config.getStringArray("backend.origins"));
        List<Config> plugins = config.getConfigArray("backend.plugins");
        assertEquals(2, plugins.size());
        assertEquals("scaffolder", plugins.get(1).getString("id"));
        assertEquals(Map.of("port", 7007), config.get("backend.listen"));
        assertTrue(config.has("backend.listen.port"));
        assertFalse(config.has("backend.listen.host"));
        assertFalse(config.has("nothing.below.here"));
    }

    @Test
    void optionalGettersAreEmptyForMissingValues() {
        ConfigReader config = reader(Map.of("a", Map.of()));

        assertEquals(Optional.empty(), config.getOptional("a.b"));
        assertEquals(Optional.empty(), config.getOptionalString("a.b"));
        assertEquals(Optional.empty(), config.getOptionalNumber("a.b"));
        assertEquals(Optional.empty(), config.getOptionalInt("a.b"));
        assertEquals(Optional.empty(), config.getOptionalBoolean("a.b"));
        assertEquals(Optional.empty(), config.getOptionalStringArray("a.b"));
        assertEquals(Optional.empty(), config.getOptionalConfig("a.b"));
        assertEquals(Optional.empty(), config.getOptionalConfigArray("a.b"));
        assertEquals(Optional.of(Map.of()), config.getOptional("a"));
    }

    @Test
    void wrongTypeNamesKeyPathSourceActualAndWantedType() throws Exception {
        write(dir, "app-config.yaml",
                "backend:",
                "  baseUrl: 7007",
                "  listen:",
                "    port: [7007]",
                "  enabled: 1");
        ConfigReader config = load(dir, Map.of());

        assertEquals("Invalid type in config for key 'backend.listen.port' in 'app-config.yaml', got array, wanted"
                + " number", message(() -> config.getNumber("backend.listen.port")));
        assertEquals("Invalid type in config for key 'backend.baseUrl' in 'app-config.yaml', got number, wanted"
                + " string", message(() -> config.getString("backend.baseUrl")));
        assertEquals("Invalid type in config for key 'backend.enabled' in 'app-config.yaml', got number, wanted"
                + " boolean", message(() -> config.getBoolean("backend.enabled")));
        assertEquals("Invalid type in config for key 'backend.baseUrl' in 'app-config.yaml', got number, wanted"
                + " object", message(() -> config.getConfig("backend.baseUrl")));
        ConfigException e = assertThrows(ConfigException.class, () -> config.getInt("backend.listen.port"));
        assertEquals("backend.listen.port", e.keyPath());
    }

    @Test
    void optionalGettersStillRejectWrongTypes() {
        ConfigReader config = reader(Map.of("a", "text"));

        assertEquals("Invalid type in config for key 'a' in 'mock-config', got string, wanted object",
                message(() -> config.getOptionalConfig("a")));
        assertEquals("Invalid type in config for key 'a' in 'mock-config', got string, wanted string-array",
                message(() -> config.getOptionalStringArray("a")));
    }

    @Test
    void missingValueNamesTheFullKeyPath() {
        ConfigReader config = reader(Map.of("backend", Map.of("listen", Map.of())));

        assertEquals("Missing required config value at 'backend.baseUrl'", message(() -> config.getString("backend.baseUrl")));
        assertEquals("Missing required config value at 'backend.listen.port'", message(() -> config.getInt("backend.listen.port")));
        assertEquals("Missing required config value at 'other'", message(() -> config.get("other")));
        assertEquals("Missing required config value at 'other'", message(() -> config.getConfig("other")));
        assertEquals("Missing required config value at 'other'", message(() -> config.getConfigArray("other")));
        assertEquals("Missing required config value at 'other'", message(() -> config.getStringArray("other")));
        assertEquals("Missing required config value at 'other'", message(() -> config.getBoolean("other")));
        assertEquals("Missing required config value at 'other'", message(() -> config.getNumber("other")));
        assertEquals("backend.baseUrl",
                assertThrows(ConfigException.class, () -> config.getString("backend.baseUrl")).keyPath());
    }

    @Test
    void subConfigErrorsNameTheFullPathFromTheRoot() throws Exception {
        write(dir, "app-config.yaml",
                "backend:",
                "  listen:",
                "    port: seven");
        ConfigReader config = load(dir, Map.of());
        Config backend = config.getConfig("backend");
        Config listen = backend.getConfig("listen");

        assertEquals("Unable to convert config value for key 'backend.listen.port' in 'app-config.yaml' to a number",
                message(() -> listen.getNumber("port")));
        assertEquals("Invalid type in config for key 'backend.listen.port' in 'app-config.yaml', got string, wanted"
                + " object", message(() -> backend.getConfig("listen.port")));
        assertEquals("Missing required config value at 'backend.baseUrl'", message(() -> backend.getString("baseUrl")));
        assertEquals("Missing required config value at 'backend.listen.host'", message(() -> listen.getString("host")));
        assertEquals("backend.listen", ((ConfigReader) listen).path());
        assertEquals("backend.listen.host",
                assertThrows(ConfigException.class, () -> listen.getString("host")).keyPath());
    }

    @Test
    void readingThroughANonObjectNamesTheValueInTheWay() {
        ConfigReader config = reader(Map.of("a", Map.of("b", "text")));

        assertEquals("Invalid type in config for key 'a.b' in 'mock-config', got string, wanted object",
                message(() -> config.getString("a.b.c")));
        assertEquals("Invalid type in config for key 'a.b' in 'mock-config', got string, wanted object",
                message(() -> config.has("a.b.c")));
    }

    @Test
    void stringArrayElementErrorNamesTheElementPath() {
        ConfigReader config = reader(Map.of("a", Map.of("b", List.of("x", "y", 3), "c", "single", "d", List.of("", "z"))));

        assertEquals("Invalid type in config for key 'a.b[2]' in 'mock-config', got number, wanted string-array",
                message(() -> config.getStringArray("a.b")));
        assertEquals("Invalid type in config for key 'a.c' in 'mock-config', got string, wanted string-array",
                message(() -> config.getStringArray("a.c")));
        assertEquals("Invalid type in config for key 'a.d[0]' in 'mock-config', got empty-string, wanted string-array",
                message(() -> config.getStringArray("a.d")));
        assertEquals("a.b[2]", assertThrows(ConfigException.class, () -> config.getStringArray("a.b")).keyPath());
    }

    @Test
    void configArrayElementsKnowTheirPath() {
        ConfigReader config = reader(Map.of(
                "items", List.of(Map.of("name", "a"), Map.of("other", 1)),
                "mixed", List.of(Map.of(), "text")));

        List<Config> items = config.getConfigArray("items");

        assertEquals("Missing required config value at 'items[1].name'", message(() -> items.get(1).getString("name")));
        assertEquals("Invalid type in config for key 'mixed[1]' in 'mock-config', got string, wanted object-array",
                message(() -> config.getConfigArray("mixed")));
        assertEquals("Unable to convert config value for key 'items[0].name' in 'mock-config' to an int",
                message(() -> items.get(0).getInt("name")));
    }

    @Test
    void numbersAcceptNumericStrings() {
        ConfigReader config = reader(Map.of("port", "7007", "ratio", " 1.5 ", "word", "many", "empty", ""));

        assertEquals(7007.0, config.getNumber("port"));
        assertEquals(1.5, config.getNumber("ratio"));
        assertEquals(7007, config.getInt("port"));
        assertEquals("Unable to convert config value for key 'word' in 'mock-config' to a number",
                message(() -> config.getNumber("word")));
        assertEquals("Unable to convert config value for key 'empty' in 'mock-config' to a number",
                message(() -> config.getNumber("empty")));
    }

    @Test
    void intRequiresAWholeNumberThatFits() {
        ConfigReader config = reader(Map.of(
                "whole", 7007,
                "wholeDouble", 7.0,
                "fraction", 7.5,
                "fractionText", "7.5",
                "tooBig", 3_000_000_000L,
                "huge", new BigInteger("99999999999999999999"),
                "min", (long) Integer.MIN_VALUE,
                "flag", true));

        assertEquals(7007, config.getInt("whole"));
        assertEquals(7, config.getInt("wholeDouble"));
        assertEquals(Integer.MIN_VALUE, config.getInt("min"));
        assertEquals("Unable to convert config value for key 'fraction' in 'mock-config' to an int",
                message(() -> config.getInt("fraction")));
        assertEquals("Unable to convert config value for key 'fractionText' in 'mock-config' to an int",
                message(() -> config.getInt("fractionText")));
        assertEquals("Unable to convert config value for key 'tooBig' in 'mock-config' to an int",
                message(() -> config.getInt("tooBig")));
        assertEquals("Unable to convert config value for key 'huge' in 'mock-config' to an int",
                message(() -> config.getOptionalInt("huge")));
        assertEquals("Invalid type in config for key 'flag' in 'mock-config', got boolean, wanted number",
                message(() -> config.getInt("flag")));
    }

    @Test
    void booleansAcceptTrueAndFalseStrings() {
        ConfigReader config = reader(Map.of("t", "true", "f", "FALSE", "yes", "yes", "one", 1, "real", false));

        assertTrue(config.getBoolean("t"));
        assertFalse(config.getBoolean("f"));
        assertFalse(config.getBoolean("real"));
        assertEquals("Unable to convert config value for key 'yes' in 'mock-config' to a boolean",
                message(() -> config.getBoolean("yes")));
        assertEquals("Invalid type in config for key 'one' in 'mock-config', got number, wanted boolean",
                message(() -> config.getBoolean("one")));
    }

    @Test
    void stringsAreNotConvertedFromOtherTypesAndMustNotBeEmpty() {
        ConfigReader config = reader(Map.of("number", 1, "empty", "", "list", List.of("a")));

        assertEquals("Invalid type in config for key 'number' in 'mock-config', got number, wanted string",
                message(() -> config.getString("number")));
        assertEquals("Invalid type in config for key 'empty' in 'mock-config', got empty-string, wanted string",
                message(() -> config.getString("empty")));
        assertEquals("Invalid type in config for key 'list' in 'mock-config', got array, wanted string",
                message(() -> config.getOptionalString("list")));
    }

    @Test
    void invalidKeyPathsAreRejected() {
        ConfigReader config = reader(Map.of("a", Map.of("b", 1)));

        assertEquals("Invalid config key 'a..b': key paths are dot-separated and no segment may be empty",
                message(() -> config.has("a..b")));
        assertThrows(ConfigException.class, () -> config.getInt(""));
        assertThrows(ConfigException.class, () -> config.get("a."));
    }

    @Test
    void keysAreTheObjectsKeysInOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("zeta", 1);
        data.put("alpha", Map.of("x", 1));
        data.put("mid", "m");
        ConfigReader config = reader(data);

        assertEquals(List.of("zeta", "alpha", "mid"), new ArrayList<>(config.keys()));
        assertEquals(List.of("x"), new ArrayList<>(config.getConfig("alpha").keys()));
    }

    @Test
    void returnedDataIsAnUnmodifiableCopy() {
        List<Object> list = new ArrayList<>(List.of("a", "b"));
        Map<String, Object> nested = new HashMap<>(Map.of("k", "v"));
        Map<String, Object> data = new HashMap<>(Map.of("list", list, "nested", nested,
                "objects", List.of(Map.of("a", 1))));
        ConfigReader config = reader(data);

        list.add("c");
        nested.put("k2", "v2");
        data.put("added", 1);

        assertEquals(List.of("a", "b"), config.getStringArray("list"));
        assertEquals(Map.of("k", "v"), config.get("nested"));
        assertFalse(config.has("added"));
        Map<String, Object> whole = config.get();
        @SuppressWarnings("unchecked")
        List<Object> rawList = (List<Object>) config.get("list");
        @SuppressWarnings("unchecked")
        Map<String, Object> rawNested = (Map<String, Object>) config.getOptional("nested").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> whole.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> rawList.add("x"));
        assertThrows(UnsupportedOperationException.class, () -> rawNested.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> config.getStringArray("list").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> config.keys().remove("list"));
        assertThrows(UnsupportedOperationException.class, () -> config.getConfigArray("objects").clear(),
                "config arrays too");
    }

    @Test
    void toStringDoesNotShowValues() {
        ConfigReader config = reader(Map.of("backend", Map.of("auth", Map.of("secret", "hunter2"))));

        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertFalse(config.getConfig("backend.auth").toString().contains("hunter2"));
        assertTrue(config.getConfig("backend.auth").toString().contains("backend.auth"));
    }

    @Test
    void nullValuesAreLeftOutAndDottedKeysRejected() {
        Map<String, Object> data = new HashMap<>();
        data.put("gone", null);
        data.put("kept", 1);
        assertEquals(List.of("kept"), new ArrayList<>(reader(data).keys()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reader(Map.of("a", Map.of("b.c", 1))));
        assertTrue(e.getMessage().contains("'b.c'") && e.getMessage().contains("key 'a'"), e.getMessage());
    }

    @Test
    void provenanceNamesFileLocalFileEnvironmentAndIncludedFile() {
        write(dir, "db.yaml", "client: pg");
        write(dir, "app-config.yaml",
                "backend:",
                "  baseUrl: http://base",
                "  listen:",
                "    port: 7007",
                "  database: { $include: db.yaml }",
                "  plugins: [a, b]");
        write(dir, "app-config.local.yaml", "backend:", "  baseUrl: http://local");

        ConfigReader config = load(dir, Map.of("APP_CONFIG_backend_listen_host", "\"::\""));

        assertEquals(Optional.of("app-config.local.yaml"), config.sourceOf("backend.baseUrl"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("backend.listen.port"));
        assertEquals(Optional.of("env APP_CONFIG_backend_listen_host"), config.sourceOf("backend.listen.host"));
        assertEquals(Optional.of("db.yaml"), config.sourceOf("backend.database.client"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("backend.plugins[1]"));
        assertEquals(Optional.of("app-config.yaml, env APP_CONFIG_backend_listen_host"), config.sourceOf("backend.listen"));
        assertEquals(Optional.empty(), config.sourceOf("backend.nothing"));
        assertEquals(Optional.of("env APP_CONFIG_backend_listen_host"),
                config.getConfig("backend.listen").sourceOf("host"), "relative to a sub-reader");

        Map<String, String> all = config.sources();
        assertEquals("app-config.local.yaml", all.get("backend.baseUrl"));
        assertEquals("db.yaml", all.get("backend.database.client"));
        assertEquals("app-config.yaml", all.get("backend.plugins[0]"));
        assertEquals(Map.of("backend.listen.port", "app-config.yaml", "backend.listen.host",
                "env APP_CONFIG_backend_listen_host"), config.getConfig("backend.listen").sources());
        assertFalse(all.toString().contains("http://local"), "provenance holds no values");
    }

    @Test
    void emptyReaderHasNothing() {
        ConfigReader empty = ConfigReader.empty();

        assertTrue(empty.keys().isEmpty());
        assertEquals("Missing required config value at 'a'", message(() -> empty.getString("a")));
    }

    @Test
    void mergedReadersLayerLaterOverEarlierAndKeepEachValuesSource() {
        ConfigReader merged = ConfigReader.merge(List.of(
                ConfigReader.of(Map.of("backend", Map.of("baseUrl", "http://a", "listen", Map.of("port", 1))), "kit"),
                ConfigReader.of(Map.of("backend", Map.of("listen", Map.of("port", 2))), "test")));

        assertEquals("http://a", merged.getString("backend.baseUrl"));
        assertEquals(2.0, merged.getNumber("backend.listen.port"));
        assertEquals("kit", merged.sourceOf("backend.baseUrl").orElseThrow());
        assertEquals("test", merged.sourceOf("backend.listen.port").orElseThrow());
    }
}
