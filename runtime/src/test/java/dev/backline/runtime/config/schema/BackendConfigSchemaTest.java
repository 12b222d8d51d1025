package dev.backline.runtime.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.config.DefaultRootConfigService;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.logging.LogLine;
import dev.backline.runtime.wiring.StartupResult;
import dev.backline.plugin.api.BackendFeature;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/** The schema check inside a plain-Java backend: the plugin's startup failure, redaction, secret paths. */
class BackendConfigSchemaTest {

    private static final ConfigSchema EXAMPLE_SCHEMA = ConfigSchema.parse("example.json", """
            {"type": "object", "properties": {"example": {"type": "object", "properties": {
              "value": {"type": "string"},
              "retries": {"type": "integer"},
              "apiToken": {"type": "string", "visibility": "secret"}}}}}
            """);
    private static final ConfigSchema MODULE_SCHEMA = ConfigSchema.parse("module.json", """
            {"type": "object", "properties": {"example": {"type": "object", "properties": {
              "module": {"type": "object", "properties": {"password": {"type": "string", "visibility": "secret"},
                                                          "limit": {"type": "number"}}}}}}}
            """);

    private final AtomicBoolean exampleInitRan = new AtomicBoolean();
    private final BackendPlugin example = BackendPlugin.create("example", env -> env.registerInit(
            List.of(CoreServices.LOGGER, CoreServices.CONFIG), deps -> {
                exampleInitRan.set(true);
                deps.get(CoreServices.LOGGER).info("Calling the API with " + deps.get(CoreServices.CONFIG).getString("example.apiToken"),
                        Map.of("password", deps.get(CoreServices.CONFIG).getString("example.module.password")));
            }));
    private final BackendModule module = BackendModule.create("example", "extra",
            env -> env.registerInit(List.of(), deps -> { }));
    private final BackendPlugin other = BackendPlugin.create("other", env -> env.registerInit(List.of(), deps -> { }));

    private List<ConfigSchema> schemasOf(BackendFeature feature) {
        if (feature == example) {
            return List.of(EXAMPLE_SCHEMA);
        }
        return feature == module ? List.of(MODULE_SCHEMA) : List.of();
    }

    private Backend backend(CapturingLogger logger, Map<String, ?> exampleConfig) {
        Map<String, Object> config = Map.of("example", exampleConfig, "backend", Map.of("startup", Map.of("default",
                Map.of("onPluginBootFailure", "continue"))));
        return Backend.builder()
                .config(new DefaultRootConfigService(ConfigReader.of(config, "app-config.yaml")))
                .logger(logger)
                .configSchemas(this::schemasOf)
                .add(example)
                .add(module)
                .add(other)
                .build();
    }

    @Test
    void aViolationOfThePluginsOrAModulesSchemaFailsThatPluginBeforeItsInitAndOthersStart() {
        CapturingLogger logger = new CapturingLogger();
        Backend backend = backend(logger, Map.of("value", "v", "retries", "many", "apiToken", "t0ken-value",
                "module", Map.of("password", "pa55word", "limit", "high")));
        StartupResult result = backend.start();
        try {
            String failure = result.plugin("example").orElseThrow().failure().orElseThrow().error().getMessage();
            assertEquals("""
                    Configuration of plugin 'example' does not match its schema (2 violations):
                      Invalid type in config for key 'example.module.limit' in 'app-config.yaml', got string, wanted number (schema module.json)
                      Invalid type in config for key 'example.retries' in 'app-config.yaml', got string, wanted integer (schema example.json)""",
                    failure);
            assertFalse(exampleInitRan.get(), "the plugin's init must not run on rejected configuration");
            assertTrue(result.plugin("other").orElseThrow().failure().isEmpty());
            assertTrue(logger.contains("example.retries"), logger.messages().toString());
        } finally {
            backend.stop();
        }
    }

    @Test
    void secretValuesNeverReachTheLogAndSecretPathsAreTheUnionOfAllSchemas() {
        CapturingLogger logger = new CapturingLogger();
        Backend backend = backend(logger, Map.of("value", "v", "apiToken", "t0ken-value",
                "module", Map.of("password", "pa55word", "limit", 3)));
        StartupResult result = backend.start();
        try {
            assertTrue(result.plugin("example").orElseThrow().failure().isEmpty(), result.toString());
            assertTrue(exampleInitRan.get());
            LogLine line = logger.lines(l -> l.message().startsWith("Calling the API")).get(0);
            assertEquals("Calling the API with ***", line.message());
            assertEquals("***", line.field("password"));
            assertEquals("example", line.field("plugin"));
            assertEquals(Set.of("example.apiToken", "example.module.password"), backend.configSecrets());
        } finally {
            backend.stop();
        }
    }
}
