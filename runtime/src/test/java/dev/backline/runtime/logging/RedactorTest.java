package dev.backline.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void leavesEverythingAloneWithoutSecrets() {
        RuntimeException error = new RuntimeException("x");
        assertEquals("plain text", redactor.redact("plain text"));
        assertSame(error, redactor.redact(error));
        assertNull(redactor.redact((String) null));
        assertNull(redactor.redactValue(null));
    }

    @Test
    void secretsAddedLaterAreRedactedToo() {
        redactor.add(List.of("first1"));
        redactor.add(List.of("second2"));

        assertEquals("*** ***", redactor.redact("first1 second2"));
    }

    @Test
    void aSecretInASuppressedThrowableCausesACopyOfTheWholeTree() {
        redactor.add(List.of("sekrit"));
        RuntimeException top = new RuntimeException("top");
        top.addSuppressed(new IllegalArgumentException("suppressed sekrit"));

        RedactedException copy = assertInstanceOf(RedactedException.class, redactor.redact(top));

        assertEquals("java.lang.RuntimeException: top", copy.getMessage());
        assertEquals(1, copy.getSuppressed().length);
        assertEquals("java.lang.IllegalArgumentException: suppressed ***", copy.getSuppressed()[0].getMessage());
    }

    @Test
    void aNullMessageKeepsJustTheClassName() {
        redactor.add(List.of("sekrit"));
        RuntimeException top = new RuntimeException((String) null);
        top.initCause(new IllegalStateException("sekrit"));

        RedactedException copy = assertInstanceOf(RedactedException.class, redactor.redact(top));

        assertEquals("java.lang.RuntimeException", copy.getMessage());
        assertEquals("java.lang.IllegalStateException: ***", copy.getCause().getMessage());
    }

    @Test
    void survivesACyclicCauseChain() {
        redactor.add(List.of("sekrit"));
        RuntimeException a = new RuntimeException("a sekrit");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b); // a -> b -> a

        RedactedException copy = assertInstanceOf(RedactedException.class, redactor.redact(a));

        assertEquals("java.lang.RuntimeException: a ***", copy.getMessage());
        assertEquals("java.lang.RuntimeException: b", copy.getCause().getMessage());
        assertSame(copy, copy.getCause().getCause());
    }
}
