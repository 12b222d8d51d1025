package dev.backline.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.backline.plugin.api.services.LoggerService;
import dev.backline.runtime.logging.Slf4jRootLogger;
import dev.backline.runtime.shell.BackendCommands;
import dev.backline.runtime.shell.Report;
import dev.backline.runtime.shell.Table;

/**
 * The {@code backline:} Gogo commands over the host's {@link BackendCommands} service, the converter that prints their
 * tables and reports, and the command port when {@code backline.shell.port} is set (its token file at
 * {@code backline.shell.tokenFile}). Comes and goes with the host's service; a port that cannot open is logged and
 * the commands are still registered.
 */
@Component(immediate = true)
public final class ShellComponent {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final LoggerService logger = new Slf4jRootLogger();
    private CommandPort port;

    @Activate
    public ShellComponent(BundleContext context, @Reference BackendCommands commands) {
        Hashtable<String, Object> commandProperties = new Hashtable<>();
        commandProperties.put("osgi.command.scope", GogoCommands.SCOPE);
        commandProperties.put("osgi.command.function", GogoCommands.FUNCTIONS);
        registrations.add(context.registerService(Object.class.getName(), new GogoCommands(commands), commandProperties));
        Hashtable<String, Object> converterProperties = new Hashtable<>();
        converterProperties.put("osgi.converter.classes", new String[] {Table.class.getName(), Report.class.getName()});
        registrations.add(context.registerService(Converter.class.getName(), new ShellResultConverter(), converterProperties));
        String portNumber = context.getProperty(CommandPort.PORT_PROPERTY);
        if (portNumber != null && !portNumber.isBlank()) {
            openPort(context, portNumber.trim());
        }
    }

    private void openPort(BundleContext context, String portNumber) {
        String tokenFile = context.getProperty(CommandPortToken.FILE_PROPERTY);
        CommandPortToken token = null;
        try {
            token = CommandPortToken.create(Path.of(tokenFile == null || tokenFile.isBlank() ? CommandPortToken.DEFAULT_FILE : tokenFile.trim()));
            port = new CommandPort(context, Integer.parseInt(portNumber), token, logger);
        } catch (IOException | RuntimeException e) {
            if (token != null) {
                token.close();
            }
            logger.error("The backline command port (" + CommandPort.PORT_PROPERTY + "=" + portNumber + ") could not be opened: "
                    + e.getMessage() + "; the shell commands work in the console", e);
        }
    }

    @Deactivate
    void close() {
        if (port != null) {
            port.close();
        }
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while stopping
            }
        }
    }
}
