package dev.backline.runtime.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ConfigSchemaValidatorTest {

    private static final Function<String, Optional<String>> FROM_APP_CONFIG = path -> Optional.of("app-config.yaml");

    private static final ConfigSchema EXAMPLE = ConfigSchema.parse("example.json", """
            {"type": "object",
             "properties": {
               "example": {"type": "object",
                 "required": ["value"],
                 "properties": {
                   "value": {"type": "string"},
                   "retries": {"type": "integer"},
                   "silent": {"type": "boolean"},
                   "apiToken": {"type": "string", "visibility": "secret"},
                   "mode": {"enum": ["fast", "safe"]},
                   "targets": {"type": "array", "items": {"type": "object",
                       "properties": {"url": {"type": "string", "visibility": "backend"}}}}
                 }}}}
            """);

    private static List<String> messages(List<ConfigSchema> schemas, Map<String, ?> config) {
        return ConfigSchemaValidator.validate(schemas, config, FROM_APP_CONFIG).stream()
                .map(ConfigSchemaValidator.Violation::message).toList();
    }

    @Test
    void validConfigurationHasNoViolationsAndVisibilityIsAcceptedAsAKeyword() {
        assertEquals(List.of(), messages(List.of(EXAMPLE), Map.of("example", Map.of("value", "v", "retries", 3,
                "silent", true, "apiToken", "t0ken", "mode", "fast", "targets", List.of(Map.of("url", "http://x"))))));
    }

    @Test
    void aTypeMismatchNamesTheKeyPathTheSourceTheExpectedAndTheActualType() {
        List<ConfigSchemaValidator.Violation> violations = ConfigSchemaValidator.validate(List.of(EXAMPLE),
                Map.of("example", Map.of("value", "v", "retries", "many")), FROM_APP_CONFIG);
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("example.retries", violations.get(0).keyPath());
        assertEquals("Invalid type in config for key 'example.retries' in 'app-config.yaml', got string, wanted integer"
                + " (schema example.json)", violations.get(0).message());
    }

    @Test
    void numberAndBooleanStringsPassAsTheTypedGettersAcceptThem() {
        assertEquals(List.of(), messages(List.of(EXAMPLE),
                Map.of("example", Map.of("value", "v", "retries", "5", "silent", "true"))));
        assertEquals(List.of("Invalid type in config for key 'example.silent' in 'app-config.yaml', got string, wanted boolean"
                + " (schema example.json)"), messages(List.of(EXAMPLE), Map.of("example", Map.of("value", "v", "silent", "loud"))));
    }

    @Test
    void aMissingRequiredValueNamesItsFullKeyPath() {
        List<ConfigSchemaValidator.Violation> violations = ConfigSchemaValidator.validate(List.of(EXAMPLE),
                Map.of("example", Map.of("retries", 1)), FROM_APP_CONFIG);
        assertEquals(List.of(new ConfigSchemaValidator.Violation("example.value",
                "Missing required config value at 'example.value' (schema example.json)")), violations);
    }

    @Test
    void violationsInsideArraysNameTheElement() {
        assertEquals(List.of("Invalid type in config for key 'example.targets[1].url' in 'app-config.yaml', got integer,"
                + " wanted string (schema example.json)"), messages(List.of(EXAMPLE), Map.of("example", Map.of("value", "v",
                        "targets", List.of(Map.of("url", "a"), Map.of("url", 7))))));
    }

    @Test
    void otherKeywordsKeepTheLibrarysSentenceWithoutEverShowingTheValue() {
        List<String> messages = messages(List.of(EXAMPLE), Map.of("example", Map.of("value", "v", "mode", "sekrit-mode")));
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("Invalid config value for key 'example.mode' in 'app-config.yaml': "),
                messages.get(0));
        assertTrue(messages.get(0).contains("enumeration"), messages.get(0));
        assertTrue(!messages.get(0).contains("sekrit-mode"), messages.get(0));
    }

    @Test
    void severalSchemasApplyTogetherAndEveryViolationIsListedSortedByKeyPath() {
        ConfigSchema module = ConfigSchema.parse("module.json", """
                {"type": "object", "properties": {"example": {"type": "object",
                  "properties": {"module": {"type": "object", "properties": {"limit": {"type": "number"}},
                                            "additionalProperties": false}}}}}
                """);
        List<String> messages = messages(List.of(EXAMPLE, module), Map.of("example", Map.of("retries", true,
                "module", Map.of("limit", "high", "extra", 1))));
        assertEquals(List.of(
                "Unknown config key 'example.module.extra' in 'app-config.yaml'; the schema allows no other keys in key 'example.module' (schema module.json)",
                "Invalid type in config for key 'example.module.limit' in 'app-config.yaml', got string, wanted number (schema module.json)",
                "Invalid type in config for key 'example.retries' in 'app-config.yaml', got boolean, wanted integer (schema example.json)",
                "Missing required config value at 'example.value' (schema example.json)"), messages);
    }

    @Test
    void unknownSourcesAreLeftOut() {
        List<ConfigSchemaValidator.Violation> violations = ConfigSchemaValidator.validate(List.of(EXAMPLE),
                Map.of("example", Map.of("value", 1)), path -> Optional.empty());
        assertEquals("Invalid type in config for key 'example.value', got integer, wanted string (schema example.json)",
                violations.get(0).message());
    }

    @Test
    void theExceptionNamesThePluginAndListsEveryViolation() {
        ConfigValidationException e = new ConfigValidationException("example", ConfigSchemaValidator.validate(List.of(EXAMPLE),
                Map.of("example", Map.of("retries", "x")), FROM_APP_CONFIG));
        assertEquals("""
                Configuration of plugin 'example' does not match its schema (2 violations):
                  Invalid type in config for key 'example.retries' in 'app-config.yaml', got string, wanted integer (schema example.json)
                  Missing required config value at 'example.value' (schema example.json)""", e.getMessage());
    }

    @Test
    void aBrokenSchemaIsAnErrorNamingWhereItCameFrom() {
        ConfigSchemaException notJson = assertThrows(ConfigSchemaException.class,
                () -> ConfigSchema.parse("config.schema.json of bundle x 1.0.0", "{\"type\": "));
        assertTrue(notJson.getMessage().startsWith("Configuration schema config.schema.json of bundle x 1.0.0 is not valid JSON"),
                notJson.getMessage());
        ConfigSchemaException notObject = assertThrows(ConfigSchemaException.class, () -> ConfigSchema.parse("s.json", "[]"));
        assertEquals("Configuration schema s.json must be a JSON object, got array", notObject.getMessage());
    }
}
