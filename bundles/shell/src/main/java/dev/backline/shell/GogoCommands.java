package dev.backline.shell;

import org.apache.felix.service.command.Descriptor;

import dev.backline.runtime.shell.BackendCommands;
import dev.backline.runtime.shell.Report;
import dev.backline.runtime.shell.Table;

/**
 * The Gogo commands of scope {@code backline}: {@code backline:plugins}, {@code backline:plugin catalog},
 * … Each delegates to {@link BackendCommands}; the descriptors are what {@code help} shows.
 */
public final class GogoCommands {

    /** The scope the commands are registered in. */
    public static final String SCOPE = "backline";
    /** The command names, as Gogo's {@code osgi.command.function} property lists them. */
    public static final String[] FUNCTIONS = {"plugins", "plugin", "modules", "services", "extensionpoints", "routes",
            "health", "startup", "config", "restart", "stop", "start", "tasks", "trigger"};

    private final BackendCommands commands;

    public GogoCommands(BackendCommands commands) {
        this.commands = commands;
    }

    @Descriptor("list every plugin: state, modules, bundle, last start and its duration, route prefix, failure")
    public Table plugins() {
        return commands.plugins();
    }

    @Descriptor("show one plugin: dependencies and their providers, extension points, modules, config, database, routes")
    public Report plugin(@Descriptor("the plugin id") String pluginId) {
        return commands.plugin(pluginId);
    }

    @Descriptor("list the modules of every plugin, with state, bundle and failure")
    public Table modules() {
        return commands.modules();
    }

    @Descriptor("list the modules of one plugin, with state, bundle and failure")
    public Table modules(@Descriptor("the plugin id") String pluginId) {
        return commands.modules(pluginId);
    }

    @Descriptor("list every service: scope, factory source, provider bundle, the plugins it was instantiated for")
    public Table services() {
        return commands.services();
    }

    @Descriptor("list every extension point, who provides it and the modules consuming it")
    public Table extensionpoints() {
        return commands.extensionPoints();
    }

    @Descriptor("list every mounted route")
    public Table routes() {
        return commands.routes();
    }

    @Descriptor("show liveness, readiness and the plugins that do not serve")
    public Report health() {
        return commands.health();
    }

    @Descriptor("show the last startup result with timings and failures")
    public Report startup() {
        return commands.startup();
    }

    @Descriptor("show the effective root configuration (secrets redacted) and the source of each value")
    public Table config() {
        return commands.config();
    }

    @Descriptor("show the effective configuration under a key path (secrets redacted) and the source of each value")
    public Table config(@Descriptor("a dotted key path, e.g. backend.database") String path) {
        return commands.config(path);
    }

    @Descriptor("stop a plugin with its modules and start it again")
    public Report restart(@Descriptor("the plugin id") String pluginId) {
        return commands.restart(pluginId);
    }

    @Descriptor("stop a plugin with its modules; its routes answer 503 until it is started")
    public Report stop(@Descriptor("the plugin id") String pluginId) {
        return commands.stop(pluginId);
    }

    @Descriptor("start a stopped plugin with its modules")
    public Report start(@Descriptor("the plugin id") String pluginId) {
        return commands.start(pluginId);
    }

    @Descriptor("list the tasks every plugin scheduled: scope, frequency, timeout, initial delay")
    public Table tasks() {
        return commands.tasks();
    }

    @Descriptor("run a plugin's scheduled task now (a global task on whichever instance takes it first)")
    public Report trigger(@Descriptor("the plugin id") String pluginId, @Descriptor("the task id") String taskId) {
        return commands.trigger(pluginId, taskId);
    }
}
