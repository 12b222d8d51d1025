package dev.backline.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

class CapturingLoggerTest {

    private final CapturingLogger logger = new CapturingLogger();

    @Test
    void recordsLevelMessageFieldsAndError() {
        IllegalStateException error = new IllegalStateException("boom");

        logger.info("started", Map.of("port", 7007));
        logger.error("crashed", error);

        List<LogLine> lines = logger.lines();
        assertEquals(2, lines.size());
        assertEquals(new LogLine(LogLevel.INFO, "started", Map.of("port", 7007), null), lines.get(0));
        assertEquals(LogLevel.ERROR, lines.get(1).level());
        assertSame(error, lines.get(1).error());
    }

    @Test
    void childFieldsAreMergedInOrderWithLaterValuesWinning() {
        LoggerService plugin = logger.child(Map.of("plugin", "catalog"));
        LoggerService module = plugin.child(Map.of("module", "github")).child(Map.of("module", "gitlab"));
        Map<String, Object> callFields = new LinkedHashMap<>();
        callFields.put("entity", "component:foo");
        callFields.put("plugin", "overridden");

        plugin.info("from plugin");
        module.warn("from module", callFields);

        LogLine first = logger.lines().get(0);
        assertEquals(Map.of("plugin", "catalog"), first.fields());
        LogLine second = logger.lines().get(1);
        assertEquals(List.of("plugin", "module", "entity"), new ArrayList<>(second.fields().keySet()));
        assertEquals("overridden", second.field("plugin"));
        assertEquals("gitlab", second.field("module"));
        assertEquals("component:foo", second.field("entity"));
    }

    @Test
    void findersSelectLines() {
        LoggerService catalog = logger.child(Map.of("plugin", "catalog"));
        logger.info("root line");
        catalog.warn("catalog warning");
        catalog.debug("catalog detail");

        assertEquals(List.of("root line", "catalog warning", "catalog detail"), logger.messages());
        assertEquals(List.of("catalog warning"), logger.lines(LogLevel.WARN).stream().map(LogLine::message).toList());
        assertEquals(List.of("catalog warning", "catalog detail"),
                logger.linesWith("plugin", "catalog").stream().map(LogLine::message).toList());
        assertTrue(logger.contains("warn"));
        assertFalse(logger.contains("missing"));

        logger.clear();
        assertTrue(logger.lines().isEmpty());
    }

    @Test
    void honoursItsLevelInChildrenToo() {
        LoggerService child = logger.child(Map.of("plugin", "p"));
        logger.setLevel(LogLevel.WARN);

        child.info("dropped");
        child.warn("kept");

        assertFalse(child.isEnabled(LogLevel.INFO));
        assertEquals(List.of("kept"), logger.messages());
    }

    @Test
    void redactsLikeTheRealLogger() {
        logger.addRedactions(List.of("hunter2"));

        logger.child(Map.of("pw", "is hunter2")).error("login hunter2", new RuntimeException("bad hunter2"));

        LogLine line = logger.lines().get(0);
        assertEquals("login ***", line.message());
        assertEquals("is ***", line.field("pw"));
        assertEquals("java.lang.RuntimeException: bad ***",
                assertInstanceOf(RedactedException.class, line.error()).getMessage());
    }

    @Test
    void keepsEveryLineWhenManyThreadsLog() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LoggerService child = logger.child(Map.of("plugin", "p" + t));
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        child.info("line " + i, Map.of("i", i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<LogLine> lines = logger.lines();
        assertEquals(threads * perThread, lines.size());
        Set<String> distinct = new HashSet<>();
        for (LogLine line : lines) {
            distinct.add(line.field("plugin") + "/" + line.field("i"));
        }
        assertEquals(threads * perThread, distinct.size());
        // Each thread's lines stay in the order that thread logged them.
        for (int t = 0; t < threads; t++) {
            List<Object> order = logger.linesWith("plugin", "p" + t).stream().map(line -> line.field("i")).toList();
            for (int i = 0; i < perThread; i++) {
                assertEquals(i, order.get(i));
            }
        }
    }
}
