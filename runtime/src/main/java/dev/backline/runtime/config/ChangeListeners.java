package dev.backline.runtime.config;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.backline.plugin.api.services.ConfigService.Subscription;

/**
 * The subscribers of one config service. A subscriber that throws is reported and the others are
 * still called: one plugin's bug must not keep the new config from the rest.
 */
final class ChangeListeners {

    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<Exception> onFailure;

    ChangeListeners(Consumer<Exception> onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    Subscription add(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        // A wrapper per subscription, so subscribing the same Runnable twice gives two independent handles.
        Runnable entry = listener::run;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    void notifyAllListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (Exception e) {
                onFailure.accept(e);
            }
        }
    }

    int size() {
        return listeners.size();
    }
}
