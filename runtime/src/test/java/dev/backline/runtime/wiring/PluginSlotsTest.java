package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Await;

class PluginSlotsTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void runsAtMostTheSlotCountAtOnceAndTheRestInOrder() {
        PluginSlots slots = new PluginSlots(2, Duration.ofMinutes(1), executor, timer);
        List<CompletableFuture<String>> gates = new ArrayList<>();
        List<String> begun = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            gates.add(gate);
            String name = "op" + i;
            results.add(slots.run(() -> {
                begun.add(name);
                return gate;
            }));
        }
        assertEquals(List.of("op0", "op1"), begun);
        assertArrayEquals(new int[] {2, 3}, slots.usage());

        gates.get(1).complete("one");
        Await.until("op2 to begin once op1 freed its slot", () -> List.copyOf(begun), b -> b.size() == 3);
        assertEquals("op2", begun.get(2));
        assertEquals("one", results.get(1).join());
        assertFalse(results.get(0).isDone());

        gates.forEach(gate -> gate.complete("done"));
        Await.until("every operation to finish", () -> results.stream().allMatch(CompletableFuture::isDone), done -> done);
        // op3 and op4 got the two slots freed at once, and begin on two executor threads: in either order.
        assertEquals(List.of("op0", "op1", "op2"), begun.subList(0, 3));
        assertEquals(java.util.Set.of("op3", "op4"), java.util.Set.copyOf(begun.subList(3, 5)));
        assertArrayEquals(new int[] {0, 0}, slots.usage());
    }

    @Test
    void anOperationPastTheHoldLimitLetsTheNextOneGo() {
        PluginSlots slots = new PluginSlots(1, Duration.ofMillis(50), executor, timer);
        CompletableFuture<String> slow = new CompletableFuture<>();
        slots.run(() -> slow);
        CompletableFuture<String> next = slots.run(() -> CompletableFuture.completedFuture("next ran"));

        assertEquals("next ran", next.join());
        slow.complete("slow done");
        Await.until("the slot to be free", slots::usage, usage -> usage[0] == 0 && usage[1] == 0);
    }

    @Test
    void aFailingOperationFreesItsSlotAndPassesItsFailureOn() {
        PluginSlots slots = new PluginSlots(1, Duration.ofMinutes(1), executor, timer);
        CompletableFuture<Object> thrown = slots.run(() -> {
            throw new IllegalStateException("broken before starting");
        });
        CompletableFuture<Object> failed = slots.run(() -> CompletableFuture.failedFuture(new IllegalStateException("failed")));
        CompletableFuture<String> after = slots.run(() -> CompletableFuture.completedFuture("after"));

        assertEquals("broken before starting", assertThrows(CompletionException.class, thrown::join).getCause().getMessage());
        assertEquals("failed", assertThrows(CompletionException.class, failed::join).getCause().getMessage());
        assertEquals("after", after.join());
        assertArrayEquals(new int[] {0, 0}, slots.usage());
    }

    @Test
    void slotsGrowWithCoresButNeverBelowFour() {
        assertEquals(4, PluginSlots.forProcessors(1));
        assertEquals(4, PluginSlots.forProcessors(2));
        assertEquals(16, PluginSlots.forProcessors(8));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PluginSlots(0, Duration.ZERO, executor, timer)).getMessage().contains("at least 1"));
    }
}
