package dev.backline.runtime.wiring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Nodes that provide and consume ids. Finds cycles, and runs the nodes in parallel in dependency
 * order: a node runs once every node that provides something it consumes has finished.
 *
 * @param <T> the value of a node
 */
final class DependencyGraph<T> {

    /** A node: its value, the ids it provides and the ids it consumes. */
    record Node<T>(T value, Set<String> provides, Set<String> consumes) {
        Node {
            provides = Set.copyOf(provides);
            consumes = Set.copyOf(consumes);
        }
    }

    private final List<Node<T>> nodes;

    DependencyGraph(List<Node<T>> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Every elementary cycle, each as the path of values from a node back to itself, e.g.
     * {@code [a, b, a]}. Each cycle is listed once, starting at its earliest node in insertion order.
     */
    List<List<T>> findCycles() {
        List<List<Integer>> edges = edges();
        List<List<T>> cycles = new ArrayList<>();
        for (int start = 0; start < nodes.size(); start++) {
            List<Integer> path = new ArrayList<>();
            path.add(start);
            collectCycles(start, start, edges, path, new HashSet<>(Set.of(start)), cycles);
        }
        return cycles;
    }

    // Searches only nodes after `start`, so a cycle is found from its earliest node and only once.
    private void collectCycles(int start, int current, List<List<Integer>> edges, List<Integer> path,
            Set<Integer> onPath, List<List<T>> cycles) {
        for (int next : edges.get(current)) {
            if (next == start) {
                List<T> cycle = new ArrayList<>();
                path.forEach(i -> cycle.add(nodes.get(i).value()));
                cycle.add(nodes.get(start).value());
                cycles.add(cycle);
            } else if (next > start && onPath.add(next)) {
                path.add(next);
                collectCycles(start, next, edges, path, onPath, cycles);
                path.remove(path.size() - 1);
                onPath.remove(next);
            }
        }
    }

    /** For each node, the nodes that provide what it consumes, in insertion order. */
    private List<List<Integer>> edges() {
        Map<String, List<Integer>> providers = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String id : nodes.get(i).provides()) {
                providers.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> edges = new ArrayList<>();
        for (Node<T> node : nodes) {
            Set<Integer> targets = new LinkedHashSet<>();
            node.consumes().forEach(id -> targets.addAll(providers.getOrDefault(id, List.of())));
            edges.add(new ArrayList<>(targets));
        }
        return edges;
    }

    /**
     * Runs {@code task} for every node, each as soon as the providers of what it consumes have
     * finished (successfully or not), independent nodes in parallel, in insertion order. Returns
     * when all have finished. Check {@link #findCycles()} first: nodes on a cycle would never run.
     *
     * @param task runs one node; its failure is the caller's to record: it does not stop the others
     * @throws InterruptedException when the calling thread is interrupted while nodes still run
     */
    void runInParallel(Executor executor, Function<T, CompletableFuture<Void>> task) throws InterruptedException {
        List<List<Integer>> edges = edges();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            done.add(new CompletableFuture<>());
        }
        // Insertion order: start everything whose providers are all already known.
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            CompletableFuture<?>[] before = edges.get(i).stream()
                    .filter(p -> p != index)
                    .map(done::get)
                    .toArray(CompletableFuture<?>[]::new);
            CompletableFuture.allOf(before)
                    .handleAsync((ignored, error) -> null, executor)
                    .thenCompose(ignored -> task.apply(nodes.get(index).value()))
                    .whenComplete((ignored, error) -> done.get(index).complete(null));
        }
        try {
            // get(), not join(): a plugin start past its time limit interrupts this wait.
            CompletableFuture.allOf(done.toArray(CompletableFuture<?>[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Dependency graph traversal failed", e.getCause());
        }
    }
}
