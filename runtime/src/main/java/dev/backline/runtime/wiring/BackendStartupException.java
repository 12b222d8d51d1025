package dev.backline.runtime.wiring;

/**
 * The backend did not start because of failures the boot-failure policy does not allow. The message
 * has a header line, then one line per failure; {@link #result()} has the details.
 */
public class BackendStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StartupResult result;

    public BackendStartupException(StartupResult result) {
        super("Backend startup failed due to the following errors:\n  "
                + String.join("\n  ", result.disallowedFailures()), firstCause(result));
        this.result = result;
    }

    public StartupResult result() {
        return result;
    }

    private static Throwable firstCause(StartupResult result) {
        for (PluginStartupResult plugin : result.plugins()) {
            if (plugin.failure().filter(f -> !f.allowed()).isPresent()) {
                return plugin.failure().get().error();
            }
            for (ModuleStartupResult module : plugin.modules()) {
                if (module.failure().filter(f -> !f.allowed()).isPresent()) {
                    return module.failure().get().error();
                }
            }
        }
        return null;
    }
}
