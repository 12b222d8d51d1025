package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells a running task to stop, as the web's {@code AbortSignal} does in Backstage.
 *
 * @since 1.4
 */
@ProviderType
public interface AbortSignal {

    /** True once the run must stop. */
    boolean aborted();

    /** Why the run must stop ({@code "timeout"}, {@code "plugin stopped"}), or null while it need not. */
    String reason();

    /** Runs {@code listener} when the signal is aborted, at once when it already is. */
    void onAbort(Runnable listener);

    /**
     * @throws java.util.concurrent.CancellationException naming the reason, when the signal is aborted
     */
    default void throwIfAborted() {
        if (aborted()) {
            throw new java.util.concurrent.CancellationException("Task aborted: " + reason());
        }
    }
}
