package dev.backline.plugin.api.services;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An audit event under way; end it once, with {@link #success} or {@link #fail}. Later calls are ignored.
 *
 * @since 1.4
 */
@ProviderType
public interface AuditorServiceEvent {

    default void success() {
        success(Map.of());
    }

    /** Writes the event as succeeded, with {@code meta} added to the metadata given at its creation. */
    void success(Map<String, ?> meta);

    default void fail(Throwable error) {
        fail(error, Map.of());
    }

    /** Writes the event as failed, with the error's name and message and {@code meta} added to its metadata. */
    void fail(Throwable error, Map<String, ?> meta);
}
