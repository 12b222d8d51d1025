package dev.backline.plugin.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Collects what modules register through an extension point, and refuses anything added after the
 * owning feature's init has returned. Obtain one from {@link Registrar#newRegistrations}.
 *
 * @param <E> the type of a registered item
 */
@ProviderType
public interface ExtensionPointRegistrations<E> {

    /** The extension point these registrations belong to. */
    String extensionPointId();

    /**
     * Adds an item.
     *
     * @throws IllegalStateException once the owner's init has returned, naming the extension point,
     *                               its owner and the item
     */
    void add(E item);

    /** What was added so far, in order. */
    List<E> items();

    /** True once the owner's init has returned. */
    boolean isClosed();
}
