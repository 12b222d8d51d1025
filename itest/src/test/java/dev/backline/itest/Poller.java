package dev.backline.itest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A concurrent client: GETs one path in a loop on its own thread from {@link #start} until {@link #finish}
 * has been called and at least {@code minRequests} were sent, and keeps every response that does not
 * satisfy {@code expected}.
 */
public final class Poller {

    private final String path;
    private final Predicate<Http.Response> expected;
    private final int minRequests;
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Http.Response> unexpected = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final Thread thread;

    public Poller(String path, Predicate<Http.Response> expected, int minRequests) {
        this.path = path;
        this.expected = expected;
        this.minRequests = minRequests;
        this.thread = new Thread(this::run, "poller " + path);
        this.thread.setDaemon(true);
    }

    /** Starts polling and returns once the first responses are in, so what follows happens "during" it. */
    public Poller start() {
        thread.start();
        Await.until(path + " poller to send its first requests", sent::get, n -> n >= 5);
        return this;
    }

    private void run() {
        while (!(finishing.get() && sent.get() >= minRequests)) {
            try {
                Http.Response response = Http.get(path);
                if (!expected.test(response)) {
                    unexpected.add(response);
                }
            } catch (RuntimeException e) {
                errors.add(e);
            }
            sent.incrementAndGet();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Lets the poller end once it has sent {@code minRequests}, and waits for it. */
    public Poller finish() throws InterruptedException {
        finishing.set(true);
        thread.join(Await.TIMEOUT.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError("The " + path + " poller did not finish; sent " + sent.get());
        }
        return this;
    }

    public int sent() {
        return sent.get();
    }

    /** Responses that did not satisfy the expectation, and exceptions (timeouts, I/O errors) as text. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        unexpected.forEach(r -> problems.add(r.toString()));
        errors.forEach(e -> problems.add(e.toString()));
        return problems;
    }
}
