package dev.backline.host.osgi;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import dev.backline.runtime.shell.PluginControl;
import dev.backline.runtime.wiring.BackendInitializer;
import dev.backline.runtime.wiring.PluginStartupResult;
import dev.backline.plugin.api.services.LoggerService;

/**
 * Stop/start/restart from the shell, logged as the host logs its own restarts. The command waits for the
 * plugin (a start is bounded by {@code backend.startup.pluginTimeout}); the host and other plugins do not.
 */
final class HostPluginControl implements PluginControl {

    private final BackendInitializer initializer;
    private final LoggerService logger;

    HostPluginControl(BackendInitializer initializer, LoggerService logger) {
        this.initializer = initializer;
        this.logger = logger;
    }

    @Override
    public Optional<PluginStartupResult> restart(String pluginId) {
        return logged(pluginId, "restarted", id -> initializer.restartPluginAsync(id, "backline:restart from the shell"));
    }

    @Override
    public void stop(String pluginId) {
        await(initializer.stopPluginAsync(pluginId));
        logger.info("Plugin '" + pluginId + "' stopped from the shell");
    }

    @Override
    public Optional<PluginStartupResult> start(String pluginId) {
        return logged(pluginId, "started", initializer::startPluginAsync);
    }

    private Optional<PluginStartupResult> logged(String pluginId, String done,
            Function<String, CompletableFuture<Optional<PluginStartupResult>>> action) {
        Optional<PluginStartupResult> result = await(action.apply(pluginId));
        result.ifPresentOrElse(r -> {
            // Module failures do not fail the plugin, so they are only visible here.
            r.failureLines().forEach(logger::error);
            r.failure().ifPresentOrElse(
                    failure -> logger.error("Plugin '" + pluginId + "' failed to start from the shell", failure.error()),
                    () -> logger.info("Plugin '" + pluginId + "' " + done + " from the shell"));
        }, () -> logger.info("Plugin '" + pluginId + "' is no longer installed"));
        return result;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
