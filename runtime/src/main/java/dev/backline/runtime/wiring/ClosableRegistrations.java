package dev.backline.runtime.wiring;

import java.util.ArrayList;
import java.util.List;

import dev.backline.plugin.api.ExtensionPointRegistrations;

/**
 * Registrations through an extension point, refused once the owning feature's init has returned so
 * that a late call fails loudly instead of being silently ignored.
 */
final class ClosableRegistrations<E> implements ExtensionPointRegistrations<E> {

    private final String extensionPointId;
    private final String owner;
    private final List<E> items = new ArrayList<>();
    private boolean closed;

    ClosableRegistrations(String extensionPointId, String owner) {
        this.extensionPointId = extensionPointId;
        this.owner = owner;
    }

    @Override
    public String extensionPointId() {
        return extensionPointId;
    }

    @Override
    public synchronized void add(E item) {
        if (closed) {
            throw new IllegalStateException("Extension point '" + extensionPointId + "' of " + owner
                    + " is closed: its init has returned, so " + item
                    + " can no longer be registered; call the extension point during your module's init");
        }
        items.add(item);
    }

    @Override
    public synchronized List<E> items() {
        return List.copyOf(items);
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
    }
}
