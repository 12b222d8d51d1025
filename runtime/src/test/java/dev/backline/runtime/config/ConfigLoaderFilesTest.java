package dev.backline.runtime.config;

import static dev.backline.runtime.config.TestFiles.load;
import static dev.backline.runtime.config.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are read, in which order, how they merge, and how a broken file is reported. */
class ConfigLoaderFilesTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    @Test
    void localFileMergesOverDefaultFile() {
        write(dir, "app-config.yaml",
                "app:",
                "  title: Base",
                "  port: 7007");
        write(dir, "app-config.local.yaml",
                "app:",
                "  title: Local");

        ConfigReader config = load(dir, NO_ENV);

        assertEquals("Local", config.getString("app.title"));
        assertEquals(7007, config.getInt("app.port"));
        assertEquals(Optional.of("app-config.local.yaml"), config.sourceOf("app.title"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("app.port"));
    }

    @Test
    void localFileIsOptional() {
        write(dir, "app-config.yaml", "app:", "  title: Base");

        assertEquals("Base", load(dir, NO_ENV).getString("app.title"));
    }

    @Test
    void missingDefaultFileIsAnErrorNamingIt() {
        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml'"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("app-config.yaml").toString()), e.getMessage());
        assertEquals(Optional.of("app-config.yaml"), e.source());
    }

    @Test
    void explicitFilesReplaceTheDefaultsAndLaterWins() {
        write(dir, "app-config.yaml", "app:", "  title: Default", "  fromDefault: yes");
        write(dir, "first.yaml", "app:", "  title: First", "  fromFirst: 1");
        write(dir, "conf/second.yaml", "app:", "  title: Second");

        ConfigReader config = load(dir, NO_ENV, "first.yaml", "conf/second.yaml");

        assertEquals("Second", config.getString("app.title"));
        assertEquals(1, config.getInt("app.fromFirst"));
        assertFalse(config.has("app.fromDefault"), "the default file must not be read when files are given");
        assertEquals(Optional.of("conf/second.yaml"), config.sourceOf("app.title"));
        assertEquals(Optional.of("first.yaml"), config.sourceOf("app.fromFirst"));
    }

    @Test
    void explicitOrderDecidesNotTheFileName() {
        write(dir, "a.yaml", "value: from-a");
        write(dir, "b.yaml", "value: from-b");

        assertEquals("from-a", load(dir, NO_ENV, "b.yaml", "a.yaml").getString("value"));
        assertEquals("from-b", load(dir, NO_ENV, "a.yaml", "b.yaml").getString("value"));
    }

    @Test
    void missingExplicitFileIsAnErrorNamingIt() {
        write(dir, "present.yaml", "a: 1");

        ConfigLoadException e = assertThrows(ConfigLoadException.class,
                () -> load(dir, NO_ENV, "present.yaml", "absent.yaml"));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'absent.yaml'"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(Optional.of("absent.yaml"), e.source());
    }

    @Test
    void objectsMergeDeeplyWhileArraysAndScalarsReplace() {
        write(dir, "app-config.yaml",
                "list: [1, 2, 3]",
                "obj:",
                "  a: 1",
                "  nested:",
                "    c: 1",
                "scalarThenObject: text",
                "objectThenScalar:",
                "  x: 1");
        write(dir, "app-config.local.yaml",
                "list: [9]",
                "obj:",
                "  nested:",
                "    d: 2",
                "scalarThenObject:",
                "  y: 2",
                "objectThenScalar: 5");

        ConfigReader config = load(dir, NO_ENV);

        assertEquals(List.of(9), config.get("list"));
        assertEquals(Map.of("a", 1, "nested", Map.of("c", 1, "d", 2)), config.get("obj"));
        assertEquals(Map.of("y", 2), config.get("scalarThenObject"));
        assertEquals(5, config.get("objectThenScalar"));
        assertEquals(Optional.of("app-config.local.yaml"), config.sourceOf("list[0]"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("obj.nested.c"));
        assertEquals(Optional.of("app-config.local.yaml"), config.sourceOf("obj.nested.d"));
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        write(dir, "app-config.yaml",
                "backend:",
                "  listen:",
                "    port: 7007: 1");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 3, column 15: YAML syntax error"),
                e.getMessage());
        assertEquals(OptionalInt.of(3), e.line());
        assertEquals(OptionalInt.of(15), e.column());
        assertFalse(e.getMessage().contains("7007: 1"), "the message must not quote the file: " + e.getMessage());
    }

    @Test
    void syntaxErrorInTheLocalFileNamesTheLocalFile() {
        write(dir, "app-config.yaml", "a: 1");
        write(dir, "app-config.local.yaml", "a: [1, 2");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.local.yaml', line "),
                e.getMessage());
    }

    @Test
    void emptyFileIsAnEmptyObject() {
        write(dir, "app-config.yaml");
        write(dir, "app-config.local.yaml", "# only a comment");

        ConfigReader config = load(dir, NO_ENV);

        assertTrue(config.keys().isEmpty());
        assertEquals(Map.of(), config.get());
    }

    @Test
    void topLevelListIsAnErrorNamingTheFile() {
        write(dir, "app-config.yaml", "- a", "- b");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertEquals("Failed to read config file 'app-config.yaml', line 1: the top level must be a mapping of keys"
                + " to values, got array", e.getMessage());
    }

    @Test
    void topLevelScalarIsAnErrorNamingTheFile() {
        write(dir, "other.yaml", "just some text");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV, "other.yaml"));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'other.yaml'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got string"), e.getMessage());
    }

    @Test
    void keyContainingDotIsAnErrorNamingFileLineAndKeyPath() {
        write(dir, "app-config.yaml",
                "backend:",
                "  baseUrl: http://localhost",
                "  listen.port: 7007");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 3, at key 'backend':"
                + " the key 'listen.port' contains '.'"), e.getMessage());
        assertEquals(Optional.of("backend"), e.keyPath());
        assertEquals(OptionalInt.of(3), e.line());
    }

    @Test
    void topLevelKeyContainingDotIsAnError() {
        write(dir, "app-config.yaml", "backend.baseUrl: x");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 1, at the top level:"
                + " the key 'backend.baseUrl' contains '.'"), e.getMessage());
    }

    @Test
    void duplicateKeyIsAnErrorNamingItsLine() {
        write(dir, "app-config.yaml",
                "app:",
                "  title: One",
                "  title: Two");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertEquals("Failed to read config file 'app-config.yaml', line 3, at key 'app.title': duplicate key 'title'",
                e.getMessage());
    }

    @Test
    void scalarsAreTypedByTheYaml12CoreSchema() {
        write(dir, "app-config.yaml",
                "int: 7007",
                "negative: -3",
                "octal: 0o17",
                "hex: 0x1F",
                "big: 12345678901",
                "float: 1.5",
                "exp: 1e3",
                "bool: true",
                "onIsText: on",
                "noIsText: no",
                "underscores: 1_000",
                "date: 2001-12-14",
                "quoted: \"7007\"",
                "nothing: ~",
                "alsoNothing:");

        ConfigReader config = load(dir, NO_ENV);

        assertEquals(7007, config.get("int"));
        assertEquals(-3, config.get("negative"));
        assertEquals(15, config.get("octal"));
        assertEquals(31, config.get("hex"));
        assertEquals(12345678901L, config.get("big"));
        assertEquals(1.5, config.get("float"));
        assertEquals(1000.0, config.get("exp"));
        assertEquals(Boolean.TRUE, config.get("bool"));
        assertEquals("on", config.get("onIsText"));
        assertEquals("no", config.get("noIsText"));
        assertEquals("1_000", config.get("underscores"));
        assertEquals("2001-12-14", config.get("date"));
        assertEquals("7007", config.get("quoted"));
        assertFalse(config.has("nothing"), "null is no value");
        assertFalse(config.has("alsoNothing"), "an empty value is null, which is no value");
    }

    @Test
    void hugeIntegersStayExact() {
        write(dir, "app-config.yaml", "huge: 123456789012345678901234567890");

        assertEquals(new BigInteger("123456789012345678901234567890"), load(dir, NO_ENV).get("huge"));
    }

    @Test
    void nullArrayElementsAreLeftOut() {
        write(dir, "app-config.yaml", "list: [a, null, b]");

        assertEquals(List.of("a", "b"), load(dir, NO_ENV).getStringArray("list"));
    }

    @Test
    void anchorsAndAliasesWork() {
        write(dir, "app-config.yaml",
                "defaults: &defaults",
                "  retries: 3",
                "service:",
                "  settings: *defaults");

        assertEquals(3, load(dir, NO_ENV).getInt("service.settings.retries"));
    }

    @Test
    void unsupportedTagIsAnErrorNamingLineAndKey() {
        write(dir, "app-config.yaml",
                "a: 1",
                "secret: !vault path/to/secret");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, NO_ENV));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 2, at key 'secret':"
                + " unsupported YAML tag !vault"), e.getMessage());
    }

    @Test
    void loadingAgainReadsTheFilesAgain() {
        write(dir, "app-config.yaml", "value: 1");
        ConfigLoader loader = ConfigLoader.builder().baseDirectory(dir).environment(NO_ENV).build();
        assertEquals(1, loader.load().getInt("value"));

        write(dir, "app-config.yaml", "value: 2");

        assertEquals(2, loader.load().getInt("value"));
    }
}
