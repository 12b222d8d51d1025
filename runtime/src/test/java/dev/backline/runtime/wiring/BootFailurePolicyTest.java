package dev.backline.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.backline.runtime.Backend;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.logging.LogLine;
import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.LogLevel;

/**
 * Spec §6: every combination of default / per-plugin / per-module policy with abort / continue. The
 * backend has a plugin 'p' whose init throws, and a healthy plugin 'q' with a module 'm' whose init throws.
 */
class BootFailurePolicyTest {

    private final CapturingLogger logger = new CapturingLogger();
    private Backend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop();
        }
    }

    private static Map<String, Object> config(Map<String, Object> startup) {
        return Map.of("backend", Map.of("startup", startup));
    }

    private Backend backend(Map<String, Object> config) {
        backend = TestBackends.builder(logger, config)
                .add(BackendPlugin.create("p", env -> env.registerInit(List.of(), deps -> {
                    throw new IllegalStateException("p is broken");
                })))
                .add(BackendPlugin.create("q", env -> env.registerInit(List.of(), deps -> { })))
                .add(BackendModule.create("q", "m", env -> env.registerInit(List.of(), deps -> {
                    throw new IllegalStateException("m is broken");
                })))
                .build();
        return backend;
    }

    private List<String> abortedLines(Map<String, Object> config) {
        BackendStartupException error = assertThrows(BackendStartupException.class, () -> backend(config).start());
        assertEquals(BackendState.START_FAILED, backend.initializer().state());
        List<String> lines = List.of(error.getMessage().split("\n"));
        assertEquals("Backend startup failed due to the following errors:", lines.get(0));
        return lines.subList(1, lines.size()).stream().map(String::trim).toList();
    }

    private static final String P_LINE = "Plugin 'p' startup failed; caused by java.lang.IllegalStateException: p is broken";
    private static final String M_LINE =
            "Module 'm' for plugin 'q' startup failed; caused by java.lang.IllegalStateException: m is broken";

    @Test
    void byDefaultBothPluginAndModuleFailuresAbortAndAreAllListed() {
        assertEquals(List.of(P_LINE, M_LINE), abortedLines(Map.of()));
        StartupResult result = backend.initializer().lastStartupResult().orElseThrow();
        assertFalse(result.plugin("p").orElseThrow().failure().orElseThrow().allowed());
    }

    @Test
    void defaultAbortSpelledOutBehavesLikeTheDefault() {
        assertEquals(List.of(P_LINE, M_LINE), abortedLines(config(Map.of("default",
                Map.of("onPluginBootFailure", "abort", "onPluginModuleBootFailure", "abort")))));
    }

    @Test
    void defaultContinueForPluginsLeavesModuleFailuresAborting() {
        assertEquals(List.of(M_LINE), abortedLines(config(Map.of("default", Map.of("onPluginBootFailure", "continue")))));
    }

    @Test
    void defaultContinueForModulesLeavesPluginFailuresAborting() {
        assertEquals(List.of(P_LINE),
                abortedLines(config(Map.of("default", Map.of("onPluginModuleBootFailure", "continue")))));
    }

    @Test
    void defaultContinueForBothStartsAndRecordsAllowedFailures() {
        StartupResult result = backend(config(Map.of("default",
                Map.of("onPluginBootFailure", "continue", "onPluginModuleBootFailure", "continue")))).start();
        assertEquals(BackendState.STARTED, backend.initializer().state());
        StartupFailure p = result.plugin("p").orElseThrow().failure().orElseThrow();
        assertTrue(p.allowed());
        assertEquals("p is broken", p.error().getMessage());
        StartupFailure m = result.plugin("q").orElseThrow().modules().get(0).failure().orElseThrow();
        assertTrue(m.allowed());
        assertTrue(result.plugin("q").orElseThrow().failure().isEmpty(), "a failing module does not fail its plugin");
        assertEquals(PluginState.FAILED, state("p"));
        assertEquals(PluginState.STARTED, state("q"));
    }

    @Test
    void allowedFailuresAreLoggedWithTheirCause() {
        backend(config(Map.of("default",
                Map.of("onPluginBootFailure", "continue", "onPluginModuleBootFailure", "continue")))).start();

        List<String> errors = logger.lines(LogLevel.ERROR).stream().map(LogLine::message).toList();
        assertTrue(errors.contains(P_LINE), errors.toString());
        assertTrue(errors.contains(M_LINE), errors.toString());
    }

    @Test
    void perPluginContinueOverridesDefaultAbortForThatPluginOnly() {
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("plugins", Map.of("p", Map.of("onPluginBootFailure", "continue")));
        assertEquals(List.of(M_LINE), abortedLines(config(startup)));
    }

    @Test
    void perPluginAbortOverridesDefaultContinue() {
        assertEquals(List.of(P_LINE), abortedLines(config(Map.of(
                "default", Map.of("onPluginBootFailure", "continue", "onPluginModuleBootFailure", "continue"),
                "plugins", Map.of("p", Map.of("onPluginBootFailure", "abort"))))));
    }

    @Test
    void perModuleContinueOverridesDefaultAbortForThatModule() {
        assertEquals(List.of(P_LINE), abortedLines(config(Map.of("plugins",
                Map.of("q", Map.of("modules", Map.of("m", Map.of("onPluginModuleBootFailure", "continue"))))))));
    }

    @Test
    void perModuleAbortOverridesDefaultContinue() {
        assertEquals(List.of(M_LINE), abortedLines(config(Map.of(
                "default", Map.of("onPluginBootFailure", "continue", "onPluginModuleBootFailure", "continue"),
                "plugins", Map.of("q", Map.of("modules", Map.of("m", Map.of("onPluginModuleBootFailure", "abort"))))))));
    }

    @Test
    void aPluginsOwnSettingDoesNotCoverItsModules() {
        assertEquals(List.of(P_LINE, M_LINE), abortedLines(config(Map.of("plugins",
                Map.of("q", Map.of("onPluginBootFailure", "continue"))))));
    }

    @Test
    void aDefaultModuleSettingDoesNotCoverPlugins() {
        // and a module setting under a plugin does not cover the plugin itself
        assertEquals(List.of(P_LINE), abortedLines(config(Map.of(
                "default", Map.of("onPluginModuleBootFailure", "continue"),
                "plugins", Map.of("p", Map.of("modules", Map.of("x", Map.of("onPluginModuleBootFailure", "continue"))))))));
    }

    @Test
    void pluginIdsInPolicyKeysAreCaseSensitive() {
        assertEquals(List.of(P_LINE, M_LINE), abortedLines(config(Map.of("plugins", Map.of(
                "P", Map.of("onPluginBootFailure", "continue"),
                "Q", Map.of("modules", Map.of("m", Map.of("onPluginModuleBootFailure", "continue"))))))));
    }

    @Test
    void anInvalidPolicyValueFailsTheStartNamingTheKeyPathAndValue() {
        WiringException error = assertThrows(WiringException.class, () -> backend(config(Map.of("plugins",
                Map.of("p", Map.of("onPluginBootFailure", "ignore"))))).start());
        assertEquals("Invalid value 'ignore' for config key 'backend.startup.plugins.p.onPluginBootFailure'; "
                + "expected 'abort' or 'continue'", error.getMessage());
    }

    @Test
    void theAbortErrorIsLoggedAndOtherPluginsStillFinishStarting() {
        abortedLines(Map.of());
        assertEquals(Map.of("status", "error",
                "message", "Backend startup failed; failed: plugin 'p', module 'm' of plugin 'q' (the log and backline:startup say why)"),
                backend.rootService(dev.backline.plugin.api.services.CoreServices.ROOT_HEALTH).getReadiness().payload());
        assertTrue(logger.contains("Backend startup failed due to the following errors:"));
        assertEquals(PluginState.STARTED, state("q"), "q finished starting even though p failed");
    }

    private PluginState state(String pluginId) {
        return backend.initializer().plugins().stream().filter(s -> s.pluginId().equals(pluginId))
                .findFirst().orElseThrow().state();
    }
}
