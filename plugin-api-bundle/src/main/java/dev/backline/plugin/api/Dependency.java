package dev.backline.plugin.api;

/**
 * Something a feature or service factory can depend on: a {@link ServiceRef} or an
 * {@link ExtensionPoint}.
 *
 * @param <T> the type of the instance the dependency resolves to
 */
public sealed interface Dependency<T> permits ServiceRef, ExtensionPoint {

    /** The globally unique id. */
    String id();

    /** The Java type of the instance. */
    Class<T> type();
}
