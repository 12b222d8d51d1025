package dev.backline.runtime.wiring;

import java.util.List;
import java.util.Optional;

/** The outcome of a backend start: every plugin, with its modules and failures. */
public record StartupResult(List<PluginStartupResult> plugins) {

    public StartupResult {
        plugins = List.copyOf(plugins);
    }

    /** The result for one plugin. */
    public Optional<PluginStartupResult> plugin(String pluginId) {
        return plugins.stream().filter(p -> p.pluginId().equals(pluginId)).findFirst();
    }

    /** True when any failure is not allowed by the boot-failure policy. */
    public boolean hasDisallowedFailure() {
        return plugins.stream().anyMatch(PluginStartupResult::hasDisallowedFailure);
    }

    /** One line per disallowed failure. */
    public List<String> disallowedFailures() {
        return plugins.stream().flatMap(p -> p.failureLines(true).stream()).toList();
    }
}
