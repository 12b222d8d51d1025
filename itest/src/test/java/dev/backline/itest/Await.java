package dev.backline.itest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for a condition with a deadline: polls every {@value #POLL_MILLIS} ms and fails with what it
 * waited for and the last value it saw. Never used as a fixed sleep.
 */
public final class Await {

    /** How long a condition may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final long POLL_MILLIS = 75;

    private Await() {
    }

    /** Polls {@code probe} until its value satisfies {@code condition}, and returns that value. */
    public static <T> T until(String what, Callable<T> probe, Predicate<? super T> condition) {
        return until(what, probe, condition, TIMEOUT);
    }

    public static <T> T until(String what, Callable<T> probe, Predicate<? super T> condition, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
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
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until GET {@code path} satisfies {@code condition}, and returns that response. */
    public static Http.Response get(String what, String path, Predicate<Http.Response> condition) {
        return until(what, () -> Http.get(path), condition);
    }
}
