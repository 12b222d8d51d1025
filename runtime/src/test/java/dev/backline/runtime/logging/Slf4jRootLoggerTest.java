package dev.backline.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

class Slf4jRootLoggerTest {

    private final Map<String, RecordingSlf4jLogger> slf4jLoggers = new ConcurrentHashMap<>();
    private final Slf4jRootLogger root =
            new Slf4jRootLogger(name -> slf4jLoggers.computeIfAbsent(name, RecordingSlf4jLogger::new), "backline", LogLevel.INFO);

    private RecordingSlf4jLogger slf4j(String name) {
        return slf4jLoggers.computeIfAbsent(name, RecordingSlf4jLogger::new);
    }

    private static List<String> keys(LoggingEvent event) {
        List<String> keys = new ArrayList<>();
        for (KeyValuePair pair : event.getKeyValuePairs()) {
            keys.add(pair.key);
        }
        return keys;
    }

    private static Object value(LoggingEvent event, String key) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
            if (pair.key.equals(key)) {
                return pair.value;
            }
        }
        throw new AssertionError("no key-value pair '" + key + "' in " + event.getKeyValuePairs());
    }

    @Test
    void writesAtOrAboveTheThresholdOnly() {
        root.debug("hidden");
        root.info("shown");
        root.warn("also shown");

        List<LoggingEvent> events = slf4j("backline").events();
        assertEquals(List.of("shown", "also shown"), events.stream().map(LoggingEvent::getMessage).toList());
        assertEquals(List.of(Level.INFO, Level.WARN), events.stream().map(LoggingEvent::getLevel).toList());
        assertFalse(root.isEnabled(LogLevel.DEBUG));
        assertTrue(root.isEnabled(LogLevel.INFO));
        assertTrue(root.isEnabled(LogLevel.ERROR));
    }

    @Test
    void setLevelReachesChildrenMadeBeforeIt() {
        LoggerService plugin = root.child(Map.of("plugin", "catalog"));
        plugin.debug("before");

        root.setLevel(LogLevel.DEBUG);
        plugin.debug("after");
        assertTrue(plugin.isEnabled(LogLevel.DEBUG));

        root.setLevel(LogLevel.ERROR);
        plugin.warn("muted");
        assertFalse(plugin.isEnabled(LogLevel.WARN));
        assertEquals(LogLevel.ERROR, root.level());

        assertEquals(List.of("after"), slf4j("backline.plugin.catalog").events().stream().map(LoggingEvent::getMessage).toList());
    }

    @Test
    void theSlf4jLoggersOwnLevelAlsoLimits() {
        root.setLevel(LogLevel.DEBUG);
        slf4j("backline").setThreshold(Level.WARN);

        root.info("dropped by the provider");
        root.warn("kept");

        assertFalse(root.isEnabled(LogLevel.INFO));
        assertTrue(root.isEnabled(LogLevel.WARN));
        assertEquals(List.of("kept"), slf4j("backline").events().stream().map(LoggingEvent::getMessage).toList());
    }

    @Test
    void passesFieldsAsKeyValuePairsInOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("zeta", 1);
        fields.put("alpha", "two");
        fields.put("mid", 3.0);

        root.info("with fields", fields);

        LoggingEvent event = slf4j("backline").onlyEvent();
        assertEquals(List.of("zeta", "alpha", "mid"), keys(event));
        assertEquals(1, value(event, "zeta"));
        assertEquals("two", value(event, "alpha"));
        assertEquals(3.0, value(event, "mid"));
        // Fields travel as pairs, not inside the message.
        assertEquals("with fields", event.getMessage());
    }

    @Test
    void childrenAccumulateFieldsAndLaterValuesOverride() {
        LoggerService plugin = root.child(Map.of("plugin", "catalog"));
        Map<String, Object> moduleFields = new LinkedHashMap<>();
        moduleFields.put("module", "github");
        moduleFields.put("task", "first");
        LoggerService module = plugin.child(moduleFields).child(Map.of("task", "second"));

        Map<String, Object> callFields = new LinkedHashMap<>();
        callFields.put("entity", "component:foo");
        callFields.put("module", "from-call");
        module.info("refreshed", callFields);

        LoggingEvent event = slf4j("backline.plugin.catalog").onlyEvent();
        assertEquals(List.of("plugin", "module", "task", "entity"), keys(event));
        assertEquals("catalog", value(event, "plugin"));
        assertEquals("from-call", value(event, "module"));
        assertEquals("second", value(event, "task"));
        assertEquals("component:foo", value(event, "entity"));
    }

    @Test
    void aPluginsLinesGoToItsOwnSlf4jLoggerAndTheRootsToTheRootOne() {
        root.child(Map.of("plugin", "catalog")).info("from catalog");
        root.child(Map.of("plugin", "search")).child(Map.of("module", "pg")).info("from search module");
        root.child(Map.of("component", "http")).info("from core");
        root.info("from root");

        assertEquals("backline.plugin.catalog", slf4j("backline.plugin.catalog").onlyEvent().getLoggerName());
        assertEquals("from catalog", slf4j("backline.plugin.catalog").onlyEvent().getMessage());
        assertEquals("from search module", slf4j("backline.plugin.search").onlyEvent().getMessage());
        assertEquals(List.of("from core", "from root"),
                slf4j("backline").events().stream().map(LoggingEvent::getMessage).toList());
    }

    @Test
    void passesTheCauseAndLevel() {
        IOException cause = new IOException("disk full");

        root.error("write failed", cause);

        LoggingEvent event = slf4j("backline").onlyEvent();
        assertEquals(Level.ERROR, event.getLevel());
        assertSame(cause, event.getThrowable());
        assertEquals("write failed", event.getMessage());
    }

    @Test
    void acceptsNullFieldsAndError() {
        root.log(LogLevel.WARN, "plain", null, null);

        LoggingEvent event = slf4j("backline").onlyEvent();
        assertEquals("plain", event.getMessage());
        assertTrue(event.getKeyValuePairs() == null || event.getKeyValuePairs().isEmpty());
        assertNull(event.getThrowable());
    }

    @Test
    void redactsSecretsInTheMessage() {
        root.addRedactions(List.of("s3cr3t-token"));

        root.info("token s3cr3t-token, again s3cr3t-token.");

        assertEquals("token ***, again ***.", slf4j("backline").onlyEvent().getMessage());
    }

    @Test
    void redactionsReachChildrenMadeBeforeThem() {
        LoggerService plugin = root.child(Map.of("plugin", "auth"));
        root.addRedactions(List.of("hunter2"));

        plugin.info("password is hunter2");

        assertEquals("password is ***", slf4j("backline.plugin.auth").onlyEvent().getMessage());
    }

    @Test
    void redactsTheLongestSecretWholeAndIgnoresTooShortOnes() {
        root.addRedactions(Arrays.asList("abc", "abcdef", "x", "", "  ", null));

        root.info("abcdef abc x");

        assertEquals("*** *** x", slf4j("backline").onlyEvent().getMessage());
    }

    @Test
    void trimsSecretsAndTreatsThemLiterally() {
        root.addRedactions(List.of("  a.b*c\n"));

        root.info("a.b*c aXbbc");

        assertEquals("*** aXbbc", slf4j("backline").onlyEvent().getMessage());
    }

    @Test
    void redactsTheStringFormsOfFieldValues() {
        root.addRedactions(List.of("pa55word"));
        Object holder = new Object() {
            @Override
            public String toString() {
                return "Credentials(pa55word)";
            }
        };
        Object harmless = new Object() {
            @Override
            public String toString() {
                return "nothing to hide";
            }
        };
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("header", "Basic pa55word");
        fields.put("creds", holder);
        fields.put("list", List.of("a", "pa55word"));
        fields.put("array", new String[] {"pa55word"});
        fields.put("other", harmless);
        fields.put("count", 7);

        root.info("login", fields);

        LoggingEvent event = slf4j("backline").onlyEvent();
        assertEquals(List.of("header", "creds", "list", "array", "other", "count"), keys(event));
        assertEquals("Basic ***", value(event, "header"));
        assertEquals("Credentials(***)", value(event, "creds"));
        assertEquals("[a, ***]", value(event, "list"));
        assertEquals("[***]", value(event, "array"));
        // Values without a secret keep their identity and type.
        assertSame(harmless, value(event, "other"));
        assertEquals(7, value(event, "count"));
    }

    @Test
    void redactsFieldValuesAddedByChildren() {
        root.addRedactions(List.of("tok-123"));

        root.child(Map.of("auth", "Bearer tok-123")).info("call");

        assertEquals("Bearer ***", value(slf4j("backline").onlyEvent(), "auth"));
    }

    @Test
    void replacesAThrowableWhoseMessageChainHoldsASecret() {
        root.addRedactions(List.of("sekrit"));
        IllegalStateException inner = new IllegalStateException("inner sekrit");
        IOException outer = new IOException("outer ok", inner);

        root.error("failed", outer);

        Throwable logged = slf4j("backline").onlyEvent().getThrowable();
        RedactedException copy = assertInstanceOf(RedactedException.class, logged);
        assertEquals("java.io.IOException: outer ok", copy.getMessage());
        assertEquals("java.io.IOException", copy.originalClassName());
        assertEquals(Arrays.asList(outer.getStackTrace()), Arrays.asList(copy.getStackTrace()));
        RedactedException copiedCause = assertInstanceOf(RedactedException.class, copy.getCause());
        assertEquals("java.lang.IllegalStateException: inner ***", copiedCause.getMessage());
        assertEquals(Arrays.asList(inner.getStackTrace()), Arrays.asList(copiedCause.getStackTrace()));
        // The original is untouched.
        assertEquals("inner sekrit", inner.getMessage());
    }

    @Test
    void passesAThrowableWithoutSecretsUnchanged() {
        root.addRedactions(List.of("sekrit"));
        RuntimeException error = new RuntimeException("nothing here", new IOException("nor here"));

        root.warn("oops", error);

        assertSame(error, slf4j("backline").onlyEvent().getThrowable());
    }

    @Test
    void keepsPlaceholderLikeTextInMessagesLiterally() {
        root.info("literal {} braces");

        assertEquals("literal {} braces", slf4j("backline").onlyEvent().getMessage());
    }
}
