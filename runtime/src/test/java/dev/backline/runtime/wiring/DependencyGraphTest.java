package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    private static DependencyGraph.Node<String> node(String id, Set<String> consumes) {
        return new DependencyGraph.Node<>(id, Set.of(id), consumes);
    }

    @Test
    void noCyclesInAChain() {
        DependencyGraph<String> graph = new DependencyGraph<>(List.of(
                node("a", Set.of("b")), node("b", Set.of("c")), node("c", Set.of())));
        assertEquals(List.of(), graph.findCycles());
    }

    @Test
    void findsTwoSeparateCyclesEachReturningToItsStart() {
        DependencyGraph<String> graph = new DependencyGraph<>(List.of(
                node("a", Set.of("b")), node("b", Set.of("a")),
                node("c", Set.of("d")), node("d", Set.of("e")), node("e", Set.of("c"))));
        assertEquals(List.of(List.of("a", "b", "a"), List.of("c", "d", "e", "c")), graph.findCycles());
    }

    @Test
    void findsACycleThatDoesNotGoThroughTheFirstNode() {
        DependencyGraph<String> graph = new DependencyGraph<>(List.of(
                node("root", Set.of("x")), node("x", Set.of("y")), node("y", Set.of("x"))));
        assertEquals(List.of(List.of("x", "y", "x")), graph.findCycles());
    }

    @Test
    void findsASelfLoop() {
        DependencyGraph<String> graph = new DependencyGraph<>(List.of(node("a", Set.of("a"))));
        assertEquals(List.of(List.of("a", "a")), graph.findCycles());
    }

    @Test
    void runsProvidersBeforeConsumersAndIndependentNodesInParallel() throws InterruptedException {
        // c consumes a and b; a and b are independent and block until both have started.
        CompletableFuture<Void> aStarted = new CompletableFuture<>();
        CompletableFuture<Void> bStarted = new CompletableFuture<>();
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        DependencyGraph<String> graph = new DependencyGraph<>(List.of(
                node("c", Set.of("a", "b")), node("a", Set.of()), node("b", Set.of())));
        graph.runInParallel(executor, value -> CompletableFuture.runAsync(() -> {
            if (value.equals("a")) {
                aStarted.complete(null);
                bStarted.join();
            } else if (value.equals("b")) {
                bStarted.complete(null);
                aStarted.join();
            }
            finished.add(value);
        }, executor));
        assertEquals(3, finished.size());
        assertEquals("c", finished.get(2));
    }

    @Test
    void aFailingNodeStillReleasesItsConsumers() throws InterruptedException {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        DependencyGraph<String> graph = new DependencyGraph<>(List.of(node("b", Set.of("a")), node("a", Set.of())));
        graph.runInParallel(executor, value -> CompletableFuture.runAsync(() -> {
            ran.add(value);
            if (value.equals("a")) {
                throw new IllegalStateException("a fails");
            }
        }, executor));
        assertEquals(List.of("a", "b"), ran);
        assertTrue(ran.contains("b"));
    }
}
