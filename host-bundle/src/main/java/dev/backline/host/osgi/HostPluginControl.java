package dev.backline.host.osgi;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.backline.host.shell.PluginControl;
import dev.backline.host.wiring.BackendInitializer;
import dev.backline.host.wiring.PluginStartupResult;
import dev.backline.plugin.api.services.LoggerService;

/**
 * Stop/start/restart from the shell, run on the host's thread (in order with bundle events, like the
 * host's own restarts) and logged as the host logs its restarts.
 */
final class HostPluginControl implements PluginControl {

    /** Runs a task on the host's thread and waits for its result, rethrowing its exception. */
    interface HostThread {
        <T> T call(Callable<T> task);
    }

    private final BackendInitializer initializer;
    private final HostThread host;
    private final LoggerService logger;

    HostPluginControl(BackendInitializer initializer, HostThread host, LoggerService logger) {
        this.initializer = initializer;
        this.host = host;
        this.logger = logger;
    }

    @Override
    public Optional<PluginStartupResult> restart(String pluginId) {
        return host.call(() -> logged(pluginId, "restarted", initializer::restartPlugin));
    }

    @Override
    public void stop(String pluginId) {
        host.call(() -> {
            initializer.stopPlugin(pluginId);
            logger.info("Plugin '" + pluginId + "' stopped from the shell");
            return null;
        });
    }

    @Override
    public Optional<PluginStartupResult> start(String pluginId) {
        return host.call(() -> logged(pluginId, "started", initializer::startPlugin));
    }

    private Optional<PluginStartupResult> logged(String pluginId, String done,
            Function<String, Optional<PluginStartupResult>> action) {
        Optional<PluginStartupResult> result = action.apply(pluginId);
        result.ifPresentOrElse(r -> {
            // Module failures do not fail the plugin, so they are only visible here.
            r.failureLines().forEach(logger::error);
            r.failure().ifPresentOrElse(
                    failure -> logger.error("Plugin '" + pluginId + "' failed to start from the shell", failure.error()),
                    () -> logger.info("Plugin '" + pluginId + "' " + done + " from the shell"));
        }, () -> logger.info("Plugin '" + pluginId + "' is no longer installed"));
        return result;
    }
}
