package dev.backline.plugin.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Typed access to the dependencies a feature's init or a service factory declared. Asking for
 * anything that was not declared is an error naming what was asked for, by whom, and what was
 * declared.
 */
@ProviderType
public interface Dependencies {

    /**
     * The instance of a singleton service.
     *
     * @throws IllegalArgumentException when {@code ref} was not declared or is a multiton
     */
    <T> T get(ServiceRef<T> ref);

    /**
     * Every instance of a multiton service, in registration order; empty when nothing provides it.
     *
     * @throws IllegalArgumentException when {@code ref} was not declared or is not a multiton
     */
    <T> List<T> getAll(ServiceRef<T> ref);

    /**
     * The implementation of an extension point (modules only).
     *
     * @throws IllegalArgumentException when {@code ref} was not declared
     */
    <T> T get(ExtensionPoint<T> ref);
}
