package dev.backline.plugin.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a plugin or module can do while it registers (Backstage's registration points).
 */
@ProviderType
public interface Registrar {

    /**
     * Provides an extension point implemented by one shared instance. Must be called before
     * {@link #registerInit}.
     */
    <T> void registerExtensionPoint(ExtensionPoint<T> extensionPoint, T implementation);

    /**
     * Provides an extension point whose implementation is created once for each consuming module;
     * the factory's context lets the owner report that module's failure later. Must be called
     * before {@link #registerInit}. (A separate name, because an extension point interface with one
     * method would make a lambda ambiguous between the two forms.)
     */
    <T> void registerExtensionPointFactory(ExtensionPoint<T> extensionPoint, ExtensionPointFactory<T> factory);

    /**
     * Declares the feature's dependencies and its init function. Must be called exactly once.
     *
     * @param deps services and (for modules) extension points that {@code init} may ask for
     * @param init runs when the feature starts, with typed access to exactly {@code deps}
     */
    void registerInit(List<? extends Dependency<?>> deps, InitFunction init);

    /**
     * Creates a collection for what consuming modules register through {@code extensionPoint}. The
     * backend closes it once this feature's {@code init} has returned; adding to it later fails
     * with an error naming the extension point, so late calls never get lost silently.
     */
    <E> ExtensionPointRegistrations<E> newRegistrations(ExtensionPoint<?> extensionPoint);
}
