package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Await;

class RestartCoalescerTest {

    /** Longer than any test takes: a request waiting for its follow-up only runs when one comes. */
    private static final Duration LONG_WINDOW = Duration.ofMinutes(5);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<Void>> running = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    private RestartCoalescer coalescer(Duration window) {
        return new RestartCoalescer(executor, window, (key, reasons) -> {
            ran.add(key + " " + reasons);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.add(done);
            return done;
        });
    }

    /** Holds the executor until the returned latch is counted down, so that requests queue up behind. */
    private CountDownLatch holdExecutor() {
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    private List<String> ranSoFar() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    @Test
    void aSingleRequestRunsWithoutWaiting() {
        RestartCoalescer coalescer = coalescer(LONG_WINDOW);
        coalescer.request("catalog", "module added");
        Await.until("the action", this::ranSoFar, r -> r.equals(List.of("catalog [module added]")));
        running.get(0).complete(null);
        Await.until("nothing pending", coalescer::pendingKeys, List::isEmpty);
    }

    @Test
    void requestsQueuedTogetherMakeOneActionAndOtherKeysKeepTheirOwn() {
        RestartCoalescer coalescer = coalescer(LONG_WINDOW);
        CountDownLatch release = holdExecutor();
        coalescer.request("catalog", "module removed");
        coalescer.request("catalog", "module added");
        coalescer.request("catalog", "module removed");
        coalescer.request("example", "configuration changed");
        release.countDown();
        Await.until("two actions", this::ranSoFar, r -> r.size() == 2);
        assertEquals(List.of("catalog [module removed, module added]", "example [configuration changed]"), ranSoFar());
    }

    @Test
    void aRemovalWaitsForItsFollowUpAndBothRunAsOne() {
        RestartCoalescer coalescer = coalescer(LONG_WINDOW);
        coalescer.request("catalog", "module 'm' removed", true);
        assertEquals(List.of("catalog"), coalescer.pendingKeys());
        coalescer.request("catalog", "module 'm' added");
        Await.until("one action for both", this::ranSoFar, r -> r.size() == 1);
        assertEquals(List.of("catalog [module 'm' removed, module 'm' added]"), ranSoFar());
    }

    @Test
    void aRemovalWithoutFollowUpRunsOnceItsWindowHasPassed() {
        RestartCoalescer coalescer = coalescer(Duration.ofMillis(20));
        coalescer.request("catalog", "module 'm' removed", true);
        Await.until("the removal's action", this::ranSoFar, r -> r.equals(List.of("catalog [module 'm' removed]")));
    }

    @Test
    void requestsWhileAnActionRunsAreGatheredIntoOneActionAfterIt() {
        RestartCoalescer coalescer = coalescer(LONG_WINDOW);
        coalescer.request("catalog", "module removed");
        Await.until("the first action", this::ranSoFar, r -> r.size() == 1);
        coalescer.request("catalog", "module added");
        coalescer.request("catalog", "configuration changed", true);
        CountDownLatch release = holdExecutor();
        release.countDown();
        Await.until("the executor to be idle", () -> executor.submit(() -> true).get(), idle -> idle);
        assertEquals(1, ranSoFar().size(), "nothing more may run while the first action runs");

        running.get(0).complete(null);
        Await.until("one action for both requests", this::ranSoFar, r -> r.size() == 2);
        assertEquals("catalog [module added, configuration changed]", ranSoFar().get(1));
        running.get(1).completeExceptionally(new IllegalStateException("a failed restart still ends"));
        Await.until("nothing pending", coalescer::pendingKeys, List::isEmpty);
    }

    @Test
    void anActionThatThrowsDoesNotBlockTheNextRequests() {
        List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        RestartCoalescer throwing = new RestartCoalescer(executor, LONG_WINDOW, (key, reasons) -> {
            attempts.add(key + " " + reasons);
            throw new IllegalStateException("boom");
        });
        throwing.request("catalog", "first");
        Await.until("the first attempt", () -> List.copyOf(attempts), a -> a.size() == 1);
        throwing.request("catalog", "second");
        Await.until("the second attempt", () -> List.copyOf(attempts), a -> a.size() == 2);
        assertEquals(List.of("catalog [first]", "catalog [second]"), List.copyOf(attempts));
    }

    @Test
    void cancelAllDropsPendingActionsAndRefusesNewOnes() throws Exception {
        RestartCoalescer coalescer = coalescer(Duration.ofMillis(20));
        CountDownLatch release = holdExecutor();
        coalescer.request("catalog", "module added");
        coalescer.request("example", "module removed", true);
        coalescer.cancelAll();
        coalescer.request("other", "module added");
        release.countDown();
        // The window of the cancelled removal has passed once a task scheduled after it has run.
        executor.schedule(() -> true, 50, java.util.concurrent.TimeUnit.MILLISECONDS).get();
        assertEquals(List.of(), ranSoFar());
        assertEquals(List.of(), coalescer.pendingKeys());
    }
}
