package dev.backline.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretRedactionTest {

    @Test
    void valuesAtSecretPathsAreMaskedAndTheRestIsKept() {
        Map<String, Object> data = Map.of("example", Map.of("token", "abc", "value", "shown",
                "nested", Map.of("password", "pw", "list", List.of(1, 2))));

        Object redacted = SecretRedaction.redact(data, "", Set.of("example.token", "example.nested.password"));

        assertEquals(Map.of("example", Map.of("token", SecretRedaction.MASK, "value", "shown",
                "nested", Map.of("password", SecretRedaction.MASK, "list", List.of(1, 2)))), redacted);
    }

    @Test
    void aSubtreeIsRedactedRelativeToItsBasePath() {
        assertEquals(Map.of("token", SecretRedaction.MASK, "value", "shown"),
                SecretRedaction.redact(Map.of("token", "abc", "value", "shown"), "example", Set.of("example.token")));
        assertEquals(SecretRedaction.MASK, SecretRedaction.redact("abc", "example.token", Set.of("example.token")));
    }
}
