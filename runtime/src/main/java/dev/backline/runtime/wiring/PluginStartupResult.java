package dev.backline.runtime.wiring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How one plugin started: its own failure if any, and each module's result.
 *
 * @param startedAt when the plugin's start began
 * @param duration  how long the start took
 */
public record PluginStartupResult(String pluginId, Optional<StartupFailure> failure,
        List<ModuleStartupResult> modules, Instant startedAt, Duration duration) {

    public PluginStartupResult {
        modules = List.copyOf(modules);
    }

    /** True when the plugin or one of its modules failed in a way the policy does not allow. */
    public boolean hasDisallowedFailure() {
        return failure.filter(f -> !f.allowed()).isPresent()
                || modules.stream().anyMatch(m -> m.failure().filter(f -> !f.allowed()).isPresent());
    }

    /** One line per failure of the plugin or its modules, allowed or not, for logs. */
    public List<String> failureLines() {
        return failureLines(false);
    }

    /**
     * One line per failure the policy allows: the start goes on without the plugin or module, and no
     * startup error reports it.
     */
    public List<String> allowedFailureLines() {
        return failureLines(StartupFailure::allowed);
    }

    /** One line per failure, in the form the backend's startup error uses. */
    List<String> failureLines(boolean disallowedOnly) {
        return failureLines(f -> !disallowedOnly || !f.allowed());
    }

    private List<String> failureLines(Predicate<StartupFailure> included) {
        List<String> lines = new ArrayList<>();
        failure.filter(included).ifPresent(f -> lines.add(
                "Plugin '" + pluginId + "' startup failed; caused by " + ServiceRegistry.describe(f.error())));
        for (ModuleStartupResult module : modules) {
            module.failure().filter(included).ifPresent(f -> lines.add(
                    "Module '" + module.moduleId() + "' for plugin '" + pluginId + "' startup failed; caused by "
                            + ServiceRegistry.describe(f.error())));
        }
        return lines;
    }
}
