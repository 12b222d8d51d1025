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
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.backline.plugin.api.services.ConfigException;

/** {@code ${VAR}} substitution and the {@code $env}, {@code $file} and {@code $include} directives in files. */
class DirectivesTest {

    @TempDir
    Path dir;

    // ---- ${VAR} substitution ----

    @Test
    void substitutesVariablesInStrings() {
        write(dir, "app-config.yaml",
                "backend:",
                "  baseUrl: http://${HOST}:${PORT}/api",
                "  list: [\"${HOST}\", plain]");

        ConfigReader config = load(dir, Map.of("HOST", "example.com", "PORT", "7007"));

        assertEquals("http://example.com:7007/api", config.getString("backend.baseUrl"));
        assertEquals(List.of("example.com", "plain"), config.getStringArray("backend.list"));
        assertEquals(Optional.of("app-config.yaml"), config.sourceOf("backend.baseUrl"));
    }

    @Test
    void variableNamesAndValuesAreTrimmed() {
        write(dir, "app-config.yaml", "value: \"<${ NAME }>\"");

        assertEquals("<v>", load(dir, Map.of("NAME", "  v \n")).getString("value"));
    }

    @Test
    void defaultAppliesWhenTheVariableIsUnsetOrEmpty() {
        write(dir, "app-config.yaml",
                "unset: ${MISSING:-fallback}",
                "empty: ${EMPTY:-fallback}",
                "set: ${PRESENT:-fallback}",
                "spaced: ${MISSING:- spaced fallback }");

        ConfigReader config = load(dir, Map.of("EMPTY", "", "PRESENT", "real"));

        assertEquals("fallback", config.getString("unset"));
        assertEquals("fallback", config.getString("empty"));
        assertEquals("real", config.getString("set"));
        assertEquals("spaced fallback", config.getString("spaced"));
    }

    @Test
    void doubleDollarEscapesToALiteralReference() {
        write(dir, "app-config.yaml",
                "literal: $${HOST}",
                "mixed: a $${HOST} b ${HOST}",
                "lonelyDollars: cost $$5");

        ConfigReader config = load(dir, Map.of("HOST", "h"));

        assertEquals("${HOST}", config.getString("literal"));
        assertEquals("a ${HOST} b h", config.getString("mixed"));
        assertEquals("cost $$5", config.getString("lonelyDollars"));
    }

    @Test
    void unsetVariableMakesTheKeyAbsent() {
        write(dir, "app-config.yaml",
                "auth:",
                "  token: ${TOKEN}",
                "  prefixed: Bearer ${TOKEN}",
                "  other: kept",
                "list: [a, \"${TOKEN}\", c]",
                "emptyDefault: ${TOKEN:-}");

        ConfigReader config = load(dir, Map.of());

        assertFalse(config.has("auth.token"));
        assertFalse(config.has("auth.prefixed"));
        assertEquals("kept", config.getString("auth.other"));
        assertEquals(List.of("a", "c"), config.getStringArray("list"));
        assertFalse(config.has("emptyDefault"));
        ConfigException e = assertThrows(ConfigException.class, () -> config.getString("auth.token"));
        assertEquals("Missing required config value at 'auth.token'", e.getMessage());
    }

    @Test
    void anUnsetVariableInAFileDoesNotHideAnEarlierFilesValue() {
        write(dir, "app-config.yaml", "auth:", "  token: from-base");
        write(dir, "app-config.local.yaml", "auth:", "  token: ${TOKEN}");

        assertEquals("from-base", load(dir, Map.of()).getString("auth.token"));
    }

    @Test
    void environmentOverrideValuesAreNotSubstituted() {
        write(dir, "app-config.yaml", "a: 1");

        ConfigReader config = load(dir, Map.of("APP_CONFIG_value", "${HOST}", "HOST", "h"));

        assertEquals("${HOST}", config.getString("value"));
    }

    // ---- $env ----

    @Test
    void envDirectiveReadsTheVariable() {
        write(dir, "app-config.yaml",
                "database:",
                "  password:",
                "    $env: DB_PASSWORD",
                "  user: { $env: DB_USER }");

        ConfigReader config = load(dir, Map.of("DB_PASSWORD", "s3cret"));

        assertEquals("s3cret", config.getString("database.password"));
        assertFalse(config.has("database.user"), "an unset $env variable leaves the key out");
    }

    // ---- $file ----

    @Test
    void fileDirectiveReadsTextRelativeToTheIncludingFile() {
        write(dir, "conf/secrets/token.txt", "abc123");
        write(dir, "conf/app.yaml",
                "auth:",
                "  token:",
                "    $file: secrets/token.txt");

        ConfigReader config = load(dir, Map.of(), "conf/app.yaml");

        assertEquals("abc123", config.getString("auth.token"), "the trailing newline is trimmed");
        assertEquals(Optional.of("conf/secrets/token.txt"), config.sourceOf("auth.token"));
    }

    @Test
    void fileDirectivePathMayUseVariables() {
        write(dir, "prod.txt", "production value");
        write(dir, "app-config.yaml", "value: { $file: \"./${STAGE}.txt\" }");

        assertEquals("production value", load(dir, Map.of("STAGE", "prod")).getString("value"));
    }

    @Test
    void missingFileIsAnErrorNamingFileLineAndKeyPath() {
        write(dir, "app-config.yaml",
                "backend:",
                "  auth:",
                "    secret:",
                "      $file: ./missing-secret.txt");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 4, at key"
                + " 'backend.auth.secret': $file './missing-secret.txt' does not exist (resolved to '"
                + dir.resolve("missing-secret.txt")), e.getMessage());
        assertEquals(Optional.of("backend.auth.secret"), e.keyPath());
        assertEquals(OptionalInt.of(4), e.line());
    }

    @Test
    void directivePathWithUnsetVariableIsAnError() {
        write(dir, "app-config.yaml", "value:", "  $file: ${NOPE}.txt");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertEquals("Failed to read config file 'app-config.yaml', line 2, at key 'value': the value of $file"
                + " refers to an environment variable that is not set", e.getMessage());
    }

    // ---- $include ----

    @Test
    void includeInsertsParsedYamlWithItsOwnDirectivesRelativeToItself() {
        write(dir, "db/password.txt", "pw");
        write(dir, "db/database.yaml",
                "client: pg",
                "connection:",
                "  host: ${DB_HOST}",
                "  password: { $file: password.txt }");
        write(dir, "app-config.yaml",
                "backend:",
                "  database:",
                "    $include: ./db/database.yaml");

        ConfigReader config = load(dir, Map.of("DB_HOST", "db.internal"));

        assertEquals("pg", config.getString("backend.database.client"));
        assertEquals("db.internal", config.getString("backend.database.connection.host"));
        assertEquals("pw", config.getString("backend.database.connection.password"));
        assertEquals(Optional.of("db/database.yaml"), config.sourceOf("backend.database.client"));
        assertEquals(Optional.of("db/password.txt"), config.sourceOf("backend.database.connection.password"));
    }

    @Test
    void includeReadsJson() {
        write(dir, "values.json", "{\"a\": [1, 2], \"b\": {\"c\": true}}");
        write(dir, "app-config.yaml", "data: { $include: values.json }");

        ConfigReader config = load(dir, Map.of());

        assertEquals(Map.of("a", List.of(1, 2), "b", Map.of("c", true)), config.get("data"));
    }

    @Test
    void includeFragmentSelectsASubValue() {
        write(dir, "other.yaml",
                "a:",
                "  b:",
                "    c: deep",
                "    list: [x]",
                "  scalar: text");
        write(dir, "app-config.yaml",
                "obj: { $include: ./other.yaml#a.b }",
                "str: { $include: ./other.yaml#a.scalar }");

        ConfigReader config = load(dir, Map.of());

        assertEquals(Map.of("c", "deep", "list", List.of("x")), config.get("obj"));
        assertEquals("text", config.getString("str"));
    }

    @Test
    void includeFragmentThatIsNotThereIsAnError() {
        write(dir, "other.yaml", "a:", "  b: 1");
        write(dir, "app-config.yaml", "x:", "  $include: other.yaml#a.nope");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertEquals("Failed to read config file 'app-config.yaml', line 2, at key 'x': $include 'other.yaml#a.nope':"
                + " included file 'other.yaml' has no value at 'a.nope'", e.getMessage());
    }

    @Test
    void missingIncludeIsAnErrorNamingFileLineAndKeyPath() {
        write(dir, "app-config.yaml",
                "catalog:",
                "  locations:",
                "    $include: ./locations.yaml");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'app-config.yaml', line 3, at key"
                + " 'catalog.locations': $include './locations.yaml' does not exist"), e.getMessage());
    }

    @Test
    void includeOfAnUnknownFileTypeIsAnError() {
        write(dir, "values.txt", "a: 1");
        write(dir, "app-config.yaml", "x: { $include: values.txt }");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertTrue(e.getMessage().contains("at key 'x': $include 'values.txt' has no configuration parser"),
                e.getMessage());
    }

    @Test
    void syntaxErrorInAnIncludedFileNamesThatFileAndLine() {
        write(dir, "sub/broken.yaml", "ok: 1", "bad: [1, 2");
        write(dir, "app-config.yaml", "x: { $include: sub/broken.yaml }");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'sub/broken.yaml', line "), e.getMessage());
    }

    @Test
    void errorInsideAnIncludedFileNamesThatFileItsLineAndTheFullKeyPath() {
        write(dir, "sub/part.yaml",
                "first: 1",
                "secret:",
                "  $file: nowhere.txt");
        write(dir, "app-config.yaml", "outer:", "  inner: { $include: sub/part.yaml }");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'sub/part.yaml', line 3, at key"
                + " 'outer.inner.secret': $file 'nowhere.txt' does not exist"), e.getMessage());
    }

    @Test
    void includeCycleIsAnError() {
        write(dir, "a.yaml", "next: { $include: b.yaml }");
        write(dir, "b.yaml", "next: { $include: a.yaml }");
        write(dir, "app-config.yaml", "start: { $include: a.yaml }");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertTrue(e.getMessage().startsWith("Failed to read config file 'b.yaml', line 1, at key"
                + " 'start.next.next': $include 'a.yaml' includes itself"), e.getMessage());
    }

    // ---- directive mistakes ----

    @Test
    void unknownDirectiveIsAnErrorNamingItAndTheKeyPath() {
        write(dir, "app-config.yaml",
                "backend:",
                "  auth:",
                "    keys:",
                "      $secret: vault/path");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertEquals("Failed to read config file 'app-config.yaml', line 4, at key 'backend.auth.keys': unknown"
                + " directive '$secret' (known: $env, $file, $include)", e.getMessage());
    }

    @Test
    void directiveWithOtherKeysIsAnError() {
        write(dir, "app-config.yaml",
                "value:",
                "  $env: HOME",
                "  other: 1");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertEquals("Failed to read config file 'app-config.yaml', line 2, at key 'value': the directive $env must"
                + " be the only key of its mapping, but it has 1 other key(s)", e.getMessage());
    }

    @Test
    void directiveValueMustBeAString() {
        write(dir, "app-config.yaml", "value:", "  $file: [a, b]");

        ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> load(dir, Map.of()));

        assertEquals("Failed to read config file 'app-config.yaml', line 2, at key 'value': the value of $file must"
                + " be a string, got array", e.getMessage());
    }

    @Test
    void dollarKeysAmongOtherKeysArePlainData() {
        write(dir, "app-config.yaml", "schema:", "  $id: x", "  type: object");

        assertEquals(Map.of("$id", "x", "type", "object"), load(dir, Map.of()).get("schema"));
    }
}
