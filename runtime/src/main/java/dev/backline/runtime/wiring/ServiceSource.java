package dev.backline.runtime.wiring;

/**
 * Where a service factory came from. For a singleton the highest precedence wins: {@link #EXPLICIT}
 * over {@link #LOADED} over {@link #DEFAULT}, and the ref's own default factory last. Multitons list
 * every factory's instance in the order DEFAULT, EXPLICIT, LOADED.
 */
public enum ServiceSource {
    /** Provided by the backend (its default implementations). */
    DEFAULT,
    /** Added explicitly when assembling the backend, or registered as an OSGi service by a bundle. */
    EXPLICIT,
    /** Found by a feature loader. */
    LOADED
}
