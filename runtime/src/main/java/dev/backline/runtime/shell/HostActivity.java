package dev.backline.runtime.shell;

import java.util.List;

/**
 * What the container holds that the backend itself does not know: modules waiting for their plugin, and
 * plugin changes not applied yet. The OSGi host provides it; a plain-Java backend has none.
 */
public interface HostActivity {

    /** Nothing waits, nothing is pending. */
    HostActivity NONE = new HostActivity() {
        @Override
        public List<WaitingModule> waitingModules() {
            return List.of();
        }

        @Override
        public List<String> pendingChanges() {
            return List.of();
        }
    };

    /** Modules not activated because their plugin is not installed. */
    List<WaitingModule> waitingModules();

    /** Plugins with a restart queued, waiting for its quiet period, or under way. */
    List<String> pendingChanges();
}
