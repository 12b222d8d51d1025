package dev.backline.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The test backends not stopped yet, by the thread that started them, so {@link BacklineTest} can stop those of a
 * test after it, and a shutdown hook any that are left when the JVM ends.
 */
final class RunningBackends {

    private static final List<Started> RUNNING = new ArrayList<>();

    private record Started(TestBackend backend, Thread thread, long sequence) { }

    private static long sequence;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(running(b -> true)), "backline-test-backends-stop"));
    }

    private RunningBackends() {
    }

    static synchronized void remember(TestBackend backend) {
        RUNNING.add(new Started(backend, Thread.currentThread(), ++sequence));
    }

    static synchronized void forget(TestBackend backend) {
        RUNNING.removeIf(started -> started.backend() == backend);
    }

    /** A mark: backends started on this thread after it are {@link #startedSince since} it. */
    static synchronized long mark() {
        return sequence;
    }

    /** Stops the backends this thread started after {@code mark}; the first failure is rethrown. */
    static void stopStartedSince(long mark) {
        Thread thread = Thread.currentThread();
        stopAll(running(started -> started.thread() == thread && started.sequence() > mark));
    }

    private static synchronized List<TestBackend> running(java.util.function.Predicate<Started> which) {
        return RUNNING.stream().filter(which).map(Started::backend).toList();
    }

    private static void stopAll(List<TestBackend> backends) {
        RuntimeException first = null;
        for (TestBackend backend : new ArrayList<>(backends)) {
            try {
                backend.stop();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
