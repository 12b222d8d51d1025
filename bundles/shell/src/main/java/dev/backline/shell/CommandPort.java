package dev.backline.shell;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import dev.backline.plugin.api.services.LoggerService;

/**
 * A TCP port on 127.0.0.1 that runs one Gogo command line per connection and answers with its output
 * (or error) before closing: how scripts ({@code bin/backline-cmd}) talk to a running backend. Off unless
 * the framework property {@code backline.shell.port} is set. Only the loopback interface is bound, and a
 * client must first send the {@link CommandPortToken token} (line one; the command is line two): a command
 * can do anything the console can, so being a local user is not enough. Up to {@value #CLIENTS} clients are
 * served at once, each on its own thread, so a slow command or a silent client does not hold up the others;
 * a client that sends no line within {@value #READ_TIMEOUT_MILLIS} ms is dropped.
 */
final class CommandPort implements AutoCloseable {

    /** Framework property: the port to listen on; unset means no command port. */
    static final String PORT_PROPERTY = "backline.shell.port";

    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final int CLIENTS = 4;

    private final ServiceTracker<CommandProcessor, CommandProcessor> processors;
    private final CommandPortToken token;
    private final LoggerService logger;
    private final ServerSocket server;
    private final Thread acceptor;
    private final java.util.concurrent.ThreadPoolExecutor clients = new java.util.concurrent.ThreadPoolExecutor(
            0, CLIENTS, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "backline-command-client");
                thread.setDaemon(true);
                return thread;
            });

    /** Takes over {@code token}: closing the port removes its file. */
    CommandPort(BundleContext context, int port, CommandPortToken token, LoggerService logger) throws IOException {
        this.logger = logger;
        this.token = token;
        this.processors = new ServiceTracker<>(context, CommandProcessor.class, null);
        processors.open();
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.acceptor = new Thread(this::acceptLoop, "backline-command-port");
        acceptor.setDaemon(true);
        acceptor.start();
        logger.info("Command port listening on " + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort()
                + "; clients send the token in " + token.file() + " first");
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    clients.execute(() -> serveAndClose(socket));
                } catch (java.util.concurrent.RejectedExecutionException busy) {
                    try (socket) {
                        socket.getOutputStream().write(("Error: the command port is busy with " + CLIENTS
                                + " clients; try again\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    logger.warn("Command port connection failed: " + e.getMessage());
                }
            }
        }
    }

    private void serveAndClose(Socket socket) {
        try (socket) {
            serve(socket);
        } catch (IOException e) {
            if (!server.isClosed()) {
                logger.warn("Command port connection failed: " + e.getMessage());
            }
        }
    }

    /** One command per connection: the token, then the command line. */
    private void serve(Socket socket) throws IOException {
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        String presented;
        String line;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            presented = lines.readLine();
            line = token.accepts(presented) ? lines.readLine() : null;
        } catch (SocketTimeoutException e) {
            return;
        }
        OutputStream reply = socket.getOutputStream();
        if (!token.accepts(presented)) {
            logger.warn("Command port: refused a client that did not send the token of " + token.file());
            reply.write(("Error: send the token in " + token.file() + " as the first line, then the command\n")
                    .getBytes(StandardCharsets.UTF_8));
        } else if (line != null && !line.isBlank()) {
            reply.write(execute(line.strip()).getBytes(StandardCharsets.UTF_8));
        }
        reply.flush();
    }

    /** The command's printed output, then its formatted result or "Error: message". */
    String execute(String commandLine) {
        CommandProcessor processor = processors.getService();
        if (processor == null) {
            return "Error: the Gogo command processor is not available\n";
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(output, true, StandardCharsets.UTF_8);
        StringBuilder answer = new StringBuilder();
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), printed, printed)) {
            try {
                Object result = session.execute(commandLine);
                printed.flush();
                answer.append(output.toString(StandardCharsets.UTF_8));
                if (result != null) {
                    answer.append(session.format(result, Converter.INSPECT)).append('\n');
                }
            } catch (Exception e) {
                printed.flush();
                answer.append(output.toString(StandardCharsets.UTF_8));
                answer.append("Error: ").append(e.getMessage() == null ? e.toString() : e.getMessage()).append('\n');
            }
        }
        return answer.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        clients.shutdownNow();
        processors.close();
        token.close();
    }
}
