package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartCoalescerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void aBurstForOneKeyGivesOneActionAndOtherKeysKeepTheirOwn() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        RestartCoalescer coalescer = new RestartCoalescer(executor, Duration.ofMillis(150),
                (key, reasons) -> ran.add(key + " " + reasons));
        for (int i = 0; i < 5; i++) {
            coalescer.request("catalog", i % 2 == 0 ? "module removed" : "module added");
            Thread.sleep(20); // events of one bundle update arrive close together
        }
        coalescer.request("example", "configuration changed");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ran.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300); // nothing more may follow
        assertEquals(List.of("catalog [module removed, module added]", "example [configuration changed]"),
                ran.stream().sorted().toList());
    }

    @Test
    void cancelAllDropsPendingActions() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        RestartCoalescer coalescer = new RestartCoalescer(executor, Duration.ofMillis(100), (key, reasons) -> ran.add(key));
        coalescer.request("catalog", "module added");
        coalescer.cancelAll();
        Thread.sleep(250); // longer than the quiet period: a pending action would have run by now
        assertEquals(List.of(), ran);
    }
}
