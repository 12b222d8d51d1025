package dev.backline.runtime.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretPathsTest {

    @Test
    void findsSecretsAtAnyDepthAndIgnoresOtherVisibilities() {
        ConfigSchema schema = ConfigSchema.parse("s.json", """
                {"type": "object", "properties": {
                  "example": {"type": "object", "properties": {
                    "apiToken": {"type": "string", "visibility": "secret"},
                    "value": {"type": "string", "visibility": "frontend"},
                    "db": {"type": "object", "properties": {
                      "password": {"type": "string", "visibility": "secret"},
                      "user": {"type": "string", "visibility": "backend"}}}}},
                  "vault": {"type": "object", "deepVisibility": "secret"}}}
                """);
        assertEquals(Set.of("example.apiToken", "example.db.password", "vault"), schema.secretPaths());
    }

    @Test
    void followsCombinationsAndLocalReferences() {
        ConfigSchema schema = ConfigSchema.parse("s.json", """
                {"definitions": {"credentials": {"type": "object", "properties": {
                    "secret": {"type": "string", "visibility": "secret"}}}},
                 "type": "object", "properties": {
                   "a": {"$ref": "#/definitions/credentials"},
                   "b": {"allOf": [{"type": "object", "properties": {"key": {"visibility": "secret"}}}]},
                   "c": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/credentials"}]}}}
                """);
        assertEquals(Set.of("a.secret", "b.key", "c.secret"), schema.secretPaths());
    }

    @Test
    void anArrayWhoseItemsHoldASecretIsSecretAsAWhole() {
        ConfigSchema schema = ConfigSchema.parse("s.json", """
                {"type": "object", "properties": {"backend": {"type": "object", "properties": {
                  "keys": {"type": "array", "items": {"type": "object", "properties": {
                      "id": {"type": "string"}, "secret": {"type": "string", "visibility": "secret"}}}},
                  "hosts": {"type": "array", "items": {"type": "string"}}}}}}
                """);
        assertEquals(Set.of("backend.keys"), schema.secretPaths());
    }

    @Test
    void aSelfReferencingSchemaEnds() {
        ConfigSchema schema = ConfigSchema.parse("s.json", """
                {"definitions": {"node": {"type": "object", "properties": {
                    "token": {"visibility": "secret"}, "child": {"$ref": "#/definitions/node"}}}},
                 "type": "object", "properties": {"tree": {"$ref": "#/definitions/node"}}}
                """);
        assertEquals(Set.of("tree.token"), schema.secretPaths());
    }

    @Test
    void secretValuesAreTheScalarsAtSecretPathsExceptBooleans() {
        Map<String, Object> config = Map.of("example", Map.of("apiToken", "t0ken-1", "value", "public"),
                "backend", Map.of("keys", List.of(Map.of("secret", "k3y-a", "enabled", true), Map.of("secret", 4242))));
        assertEquals(Set.of("t0ken-1", "k3y-a", "4242"),
                SecretValues.at(config, List.of("example.apiToken", "backend.keys", "example.absent", "nowhere.deep")));
    }
}
