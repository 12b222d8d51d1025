package dev.backline.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for a condition with a deadline, polling; fails naming what it waited for and the last value seen.
 * Tests use it instead of fixed sleeps.
 */
public final class Await {

    /** How long a condition may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Polls {@code probe} until its value satisfies {@code condition}, and returns that value. */
    public static <T> T until(String what, Callable<T> probe, Predicate<? super T> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Object last = "(nothing yet)";
        while (true) {
            try {
                T value = probe.call();
                if (condition.test(value)) {
                    return value;
                }
                last = value;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + TIMEOUT.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(POLL_MILLIS); // the poll interval of a condition with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
