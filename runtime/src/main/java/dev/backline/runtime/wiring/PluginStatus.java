package dev.backline.runtime.wiring;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one plugin: its state, the ids of its modules and the result of its last start.
 */
public record PluginStatus(String pluginId, PluginState state, List<String> moduleIds,
        Optional<PluginStartupResult> lastStart) {

    public PluginStatus {
        moduleIds = List.copyOf(moduleIds);
    }
}
