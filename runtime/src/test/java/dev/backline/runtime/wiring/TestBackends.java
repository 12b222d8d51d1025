package dev.backline.runtime.wiring;

import java.time.Duration;
import java.util.Map;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;

/** Backends for wiring tests: configuration from a map, a capturing logger, short progress intervals. */
final class TestBackends {

    private TestBackends() {
    }

    /** Configuration under which every plugin and module failure is allowed. */
    static final Map<String, ?> CONTINUE_ALL = Map.of("backend", Map.of("startup", Map.of("default",
            Map.of("onPluginBootFailure", "continue", "onPluginModuleBootFailure", "continue"))));

    /** The message of a plugin's own startup failure. */
    static String pluginFailure(StartupResult result, String pluginId) {
        return result.plugin(pluginId).orElseThrow().failure().orElseThrow().error().getMessage();
    }

    /** The message of the first failure recorded for a module. */
    static String moduleFailure(StartupResult result, String pluginId, String moduleId) {
        return result.plugin(pluginId).orElseThrow().modules().stream()
                .filter(m -> m.moduleId().equals(moduleId) && m.failure().isPresent())
                .findFirst().orElseThrow().failure().orElseThrow().error().getMessage();
    }

    /** A backend of these features under which every failure is allowed, built but not started. */
    static Backend lenient(CapturingLogger logger, dev.backline.plugin.api.BackendFeature... features) {
        Backend.Builder builder = builder(logger, CONTINUE_ALL);
        for (dev.backline.plugin.api.BackendFeature feature : features) {
            builder.add(feature);
        }
        return builder.build();
    }

    static Backend.Builder builder(CapturingLogger logger) {
        return builder(logger, Map.of());
    }

    static Backend.Builder builder(CapturingLogger logger, Map<String, ?> config) {
        return Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(config, "test")))
                .logger(logger)
                .startupProgressIntervals(Duration.ofMillis(100), Duration.ofMillis(400));
    }
}
