package dev.backline.host.osgi;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.backline.runtime.Backend;
import dev.backline.host.shell.BackendCommands;
import dev.backline.host.shell.HostActivity;
import dev.backline.runtime.wiring.TypeOrigin;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The host's shell surface: registers the {@code backline} Gogo commands (and the converter that prints
 * their results) and opens the command port when {@code backline.shell.port} is set, with its token file
 * ({@code backline.shell.tokenFile}). Without the Gogo
 * runtime (its package is an optional import) there is nothing to register and the host runs without.
 */
final class GogoShell implements AutoCloseable {

    private ServiceRegistration<?> commands;
    private ServiceRegistration<?> converter;
    private CommandPort port;

    private GogoShell() {
    }

    /** Never fails the host: a shell problem is logged and the backend runs without it. */
    static GogoShell open(BundleContext context, Backend backend, TypeOrigin origin, HostActivity host,
            LoggerService logger) {
        GogoShell shell = new GogoShell();
        if (!gogoAvailable()) {
            logger.info("No Gogo runtime: the backline shell commands are not registered");
            return shell;
        }
        try {
            BackendCommands backendCommands = new BackendCommands(backend, origin,
                    new HostPluginControl(backend.initializer(), logger), host);
            shell.commands = context.registerService(Object.class.getName(), new GogoCommands(backendCommands), commandProperties());
            Hashtable<String, Object> converterProperties = new Hashtable<>();
            converterProperties.put("osgi.converter.classes", new String[] {
                    dev.backline.host.shell.Table.class.getName(), dev.backline.host.shell.Report.class.getName()});
            shell.converter = context.registerService("org.apache.felix.service.command.Converter",
                    new ShellResultConverter(), converterProperties);
            String port = context.getProperty(CommandPort.PORT_PROPERTY);
            if (port != null && !port.isBlank()) {
                String tokenFile = context.getProperty(CommandPortToken.FILE_PROPERTY);
                CommandPortToken token = CommandPortToken.create(java.nio.file.Path.of(
                        tokenFile == null || tokenFile.isBlank() ? CommandPortToken.DEFAULT_FILE : tokenFile.trim()));
                try {
                    shell.port = new CommandPort(context, Integer.parseInt(port.trim()), token, logger);
                } catch (IOException | RuntimeException e) {
                    token.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            logger.error("The backline shell could not be set up fully: " + e.getMessage(), e);
        }
        return shell;
    }

    private static Dictionary<String, Object> commandProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", GogoCommands.SCOPE);
        properties.put("osgi.command.function", GogoCommands.FUNCTIONS);
        return properties;
    }

    private static boolean gogoAvailable() {
        try {
            Class.forName("org.apache.felix.service.command.Converter", false, GogoShell.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (port != null) {
            port.close();
        }
        for (ServiceRegistration<?> registration : new ServiceRegistration<?>[] {commands, converter}) {
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregistered it while stopping
                }
            }
        }
    }
}
