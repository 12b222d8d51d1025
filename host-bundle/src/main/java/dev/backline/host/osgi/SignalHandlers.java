package dev.backline.host.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT as a request to stop, instead of the JVM's own handling (which exits without stopping
 * the framework). Kept apart so that a JVM or framework without {@code sun.misc} only loses this class:
 * {@link #install} then throws a {@link LinkageError} the caller catches.
 */
final class SignalHandlers implements AutoCloseable {

    private record Installed(Signal signal, SignalHandler previous) {
    }

    private final List<Installed> installed = new ArrayList<>();

    private SignalHandlers() {
    }

    /** Hands the name of each signal received ("TERM", "INT") to {@code onSignal}. */
    static SignalHandlers install(Consumer<String> onSignal) {
        SignalHandlers handlers = new SignalHandlers();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            handlers.installed.add(new Installed(signal, Signal.handle(signal, s -> onSignal.accept(s.getName()))));
        }
        return handlers;
    }

    /** Puts the previous handlers back, e.g. when the host bundle stops while the framework runs on. */
    @Override
    public void close() {
        installed.forEach(i -> Signal.handle(i.signal(), i.previous()));
        installed.clear();
    }
}
