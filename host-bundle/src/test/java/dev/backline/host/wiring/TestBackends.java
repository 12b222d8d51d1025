package dev.backline.host.wiring;

import java.time.Duration;
import java.util.Map;

import dev.backline.host.Backend;
import dev.backline.host.config.ConfigReader;
import dev.backline.host.config.DefaultRootConfigService;
import dev.backline.host.logging.CapturingLogger;

/** Backends for wiring tests: configuration from a map, a capturing logger, short progress intervals. */
final class TestBackends {

    private TestBackends() {
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
