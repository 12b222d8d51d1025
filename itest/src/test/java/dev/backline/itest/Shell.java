package dev.backline.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Runs one Gogo command line in the container and returns what it printed and its formatted result. */
final class Shell {

    private Shell() {
    }

    static String run(BundleContext context, String commandLine) throws Exception {
        ServiceReference<CommandProcessor> reference = context.getServiceReference(CommandProcessor.class);
        if (reference == null) {
            throw new IllegalStateException("no Gogo command processor");
        }
        CommandProcessor processor = context.getService(reference);
        try {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
                Object result = session.execute(commandLine);
                out.flush();
                return printed.toString(StandardCharsets.UTF_8)
                        + (result == null ? "" : String.valueOf(session.format(result, Converter.INSPECT)));
            }
        } finally {
            context.ungetService(reference);
        }
    }
}
