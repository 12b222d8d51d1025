package dev.backline.runtime.config;

import static dev.backline.runtime.config.TestFiles.load;
import static dev.backline.runtime.config.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.backline.plugin.api.services.ConfigException;

/** {@code APP_CONFIG_<path_with_underscores>=<json>} overrides, applied over all files. */
class EnvOverridesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() {
        write(dir, "app-config.yaml",
                "backend:",
                "  listen:",
                "    host: 0.0.0.0",
                "    port: 7007",
                "  database:",
                "    client: better-sqlite3",
                "    connection:",
                "      filename: db.sqlite",
                "  cors:",
                "    origins: [a, b]");
        write(dir, "app-config.local.yaml",
                "backend:",
                "  listen:",
                "    port: 7010");
    }

    @Test
    void numberOverridesFilesIncludingTheLocalFile() {
        ConfigReader config = load(dir, Map.of("APP_CONFIG_backend_listen_port", "7008"));

        assertEquals(7008, config.get("backend.listen.port"));
        assertEquals(7008, config.getInt("backend.listen.port"));
        assertEquals("0.0.0.0", config.getString("backend.listen.host"));
        assertEquals(Optional.of("env APP_CONFIG_backend_listen_port"), config.sourceOf("backend.listen.port"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("backend.listen.host"));
    }

    @Test
    void jsonObjectMergesDeeplyIntoTheFiles() {
        ConfigReader config = load(dir,
                Map.of("APP_CONFIG_backend_database", "{\"client\":\"pg\",\"connection\":{\"host\":\"db\",\"port\":5432}}"));

        assertEquals("pg", config.getString("backend.database.client"));
        assertEquals("db", config.getString("backend.database.connection.host"));
        assertEquals(5432, config.getInt("backend.database.connection.port"));
        assertEquals("db.sqlite", config.getString("backend.database.connection.filename"));
        assertEquals(Optional.of("env APP_CONFIG_backend_database"), config.sourceOf("backend.database.connection.host"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("backend.database.connection.filename"));
        assertEquals(Optional.of("app-config.yaml, env APP_CONFIG_backend_database"),
                config.sourceOf("backend.database.connection"));
    }

    @Test
    void jsonArrayReplacesTheFileArray() {
        ConfigReader config = load(dir, Map.of("APP_CONFIG_backend_cors_origins", "[\"x\"]"));

        assertEquals(List.of("x"), config.getStringArray("backend.cors.origins"));
    }

    @Test
    void jsonStringStaysAString() {
        ConfigReader config = load(dir, Map.of("APP_CONFIG_backend_listen_port", "\"7008\""));

        assertEquals("7008", config.get("backend.listen.port"));
    }

    @Test
    void jsonLiteralsKeepTheirType() {
        ConfigReader config = load(dir, Map.of(
                "APP_CONFIG_flags_enabled", "true",
                "APP_CONFIG_flags_ratio", "0.25",
                "APP_CONFIG_flags_negative", "-2"));

        assertEquals(Boolean.TRUE, config.get("flags.enabled"));
        assertEquals(0.25, config.get("flags.ratio"));
        assertEquals(-2, config.get("flags.negative"));
    }

    @Test
    void textThatIsNotJsonIsAPlainString() {
        ConfigReader config = load(dir, Map.of(
                "APP_CONFIG_app_title", "My Backline",
                "APP_CONFIG_app_yamlLooking", "a: b",
                "APP_CONFIG_app_word", "yes",
                "APP_CONFIG_app_url", "http://localhost:7007"));

        assertEquals("My Backline", config.get("app.title"));
        assertEquals("a: b", config.get("app.yamlLooking"));
        assertEquals("yes", config.get("app.word"));
        assertEquals("http://localhost:7007", config.get("app.url"));
    }

    @Test
    void brokenJsonObjectIsAnErrorNamingTheVariableNotTheValue() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_backend_database", "{\"client\": \"pg\", \"password\": \"hunter2\"")));

        assertTrue(e.getMessage().startsWith("Failed to read config from environment variable"
                + " APP_CONFIG_backend_database, at key 'backend.database': the value starts like JSON but is not"
                + " valid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(Optional.of("env APP_CONFIG_backend_database"), e.source());
        assertEquals(Optional.of("backend.database"), e.keyPath());
    }

    @Test
    void yamlFlowThatIsNotJsonIsAnErrorWhenItStartsLikeJson() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_backend_database", "{client: pg}")));

        assertTrue(e.getMessage().contains("APP_CONFIG_backend_database"), e.getMessage());
    }

    @Test
    void brokenJsonArrayAndStringAreErrors() {
        ConfigLoadException array = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_a_list", "[1, 2")));
        ConfigLoadException string = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_a_text", "\"unterminated")));

        assertTrue(array.getMessage().contains("APP_CONFIG_a_list"), array.getMessage());
        assertTrue(string.getMessage().contains("APP_CONFIG_a_text"), string.getMessage());
    }

    @Test
    void nullIsAnError() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_backend_listen_port", "null")));

        assertEquals("Failed to read config from environment variable APP_CONFIG_backend_listen_port, at key"
                + " 'backend.listen.port': the value may not be null", e.getMessage());
    }

    @Test
    void emptyValuesAndOtherVariablesAreIgnored() {
        ConfigReader config = load(dir, Map.of(
                "APP_CONFIG_backend_listen_port", "",
                "MY_backend_listen_host", "\"elsewhere\"",
                "app_config_backend_x", "1"));

        assertEquals(7010, config.getInt("backend.listen.port"));
        assertEquals("0.0.0.0", config.getString("backend.listen.host"));
        assertFalse(config.has("backend.x"));
    }

    @Test
    void invalidKeyPathIsAnErrorNamingTheVariable() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_backend__port", "1")));

        assertTrue(e.getMessage().startsWith("Failed to read config from environment variable APP_CONFIG_backend__port:"
                + " 'backend__port' is not a config key path"), e.getMessage());
    }

    @Test
    void aVariableCannotNestUnderAnotherVariablesScalar() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of(
                "APP_CONFIG_feature", "1",
                "APP_CONFIG_feature_enabled", "true")));

        assertEquals("Failed to read config from environment variable APP_CONFIG_feature_enabled, at key"
                + " 'feature.enabled': cannot nest under 'feature', which APP_CONFIG_feature already sets to a value"
                + " that is not an object", e.getMessage());
    }

    @Test
    void aVariableMayAddToAnObjectAnotherVariableGave() {
        ConfigReader config = load(dir, Map.of(
                "APP_CONFIG_feature", "{\"a\":1}",
                "APP_CONFIG_feature_b", "2"));

        assertEquals(Map.of("a", 1, "b", 2), config.get("feature"));
        assertEquals(Optional.of("env APP_CONFIG_feature"), config.sourceOf("feature.a"));
        assertEquals(Optional.of("env APP_CONFIG_feature_b"), config.sourceOf("feature.b"));
    }

    @Test
    void keyWithDotInsideJsonIsAnErrorNamingVariableAndKeyPath() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class,
                () -> load(dir, Map.of("APP_CONFIG_backend", "{\"listen.port\": 1}")));

        assertTrue(e.getMessage().startsWith("Failed to read config from environment variable APP_CONFIG_backend,"
                + " at key 'backend': Config key 'listen.port' under key 'backend' contains '.'"), e.getMessage());
    }

    @Test
    void typeErrorsNameTheVariableAsTheSource() {
        ConfigReader config = load(dir, Map.of("APP_CONFIG_backend_listen_host", "true"));

        ConfigException e = assertThrows(ConfigException.class, () -> config.getString("backend.listen.host"));

        assertEquals("Invalid type in config for key 'backend.listen.host' in 'env APP_CONFIG_backend_listen_host',"
                + " got boolean, wanted string", e.getMessage());
    }

    @Test
    void camelCaseKeysKeepTheirCase() {
        ConfigReader config = load(dir, Map.of("APP_CONFIG_backend_baseUrl", "http://example.com"));

        assertEquals("http://example.com", config.getString("backend.baseUrl"));
        assertFalse(config.has("backend.baseurl"));
    }
}
