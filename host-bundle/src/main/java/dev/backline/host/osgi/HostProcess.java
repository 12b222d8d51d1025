package dev.backline.host.osgi;

import java.util.Hashtable;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.backline.plugin.api.services.LoggerService;

/**
 * The process around the framework, when Backline runs as the executable jar (the bnd launcher): how it
 * stops and with which exit code. The host registers the launcher's main-thread {@code Callable}; the
 * launcher calls it and, when it returns, stops the framework (every bundle, so every plugin's shutdown
 * hooks and pools) and exits with the returned code. SIGTERM and SIGINT (Ctrl-C) make it return 0; a fatal
 * startup problem makes it return 1. When only the host bundle stops (an update, say), the launcher is
 * told to wait for the next host instead of exiting.
 *
 * <p>Outside the bnd launcher (Pax Exam, another launcher) none of this is installed: the framework's
 * owner decides about the process.
 */
final class HostProcess implements AutoCloseable {

    /** The launcher sets this system property (and every other launch.* one) from its launch description. */
    static final String LAUNCHER_PROPERTY = "launch.name";
    /** Return code that makes the bnd launcher wait for a new main-thread Callable instead of exiting. */
    static final int WAIT_FOR_NEXT_MAIN = 198;
    private static final long LAUNCHER_GRACE_MILLIS = 30_000;

    private final BundleContext context;
    private final LoggerService logger;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int exitCode = WAIT_FOR_NEXT_MAIN;
    /** Whether the launcher took the main-thread Callable; if not, an exit stops the framework instead. */
    private volatile boolean called;
    private ServiceRegistration<?> main;
    private SignalHandlers signals;
    private Thread shutdownHook;

    private HostProcess(BundleContext context, LoggerService logger) {
        this.context = context;
        this.logger = logger;
    }

    /** Takes charge of the process when launched by the bnd launcher; otherwise does nothing. */
    static HostProcess attach(BundleContext context, LoggerService logger) {
        HostProcess process = new HostProcess(context, logger);
        if (context.getProperty(LAUNCHER_PROPERTY) == null) {
            return process;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("main.thread", "true");
        process.main = context.registerService(Callable.class.getName(), process.new MainThread(), properties);
        try {
            process.signals = SignalHandlers.install(process::signalled);
        } catch (LinkageError | RuntimeException e) {
            logger.warn("SIGTERM and SIGINT cannot be handled here (" + e + "); the JVM's shutdown hook stops the"
                    + " framework instead, and the exit code is the JVM's");
        }
        process.shutdownHook = new Thread(process::stopFrameworkFromShutdownHook, "backline-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(process.shutdownHook);
        return process;
    }

    /** Whether this process is the host's to end (launched by the bnd launcher). */
    boolean owned() {
        return main != null;
    }

    /**
     * Ends the process: the launcher stops the framework, then exits with {@code code}. Outside the launcher
     * the framework is stopped and its owner decides.
     */
    void exit(int code, String why) {
        logger.info("Stopping Backline (" + why + "); exit code " + code);
        if (owned()) {
            exitCode = code;
            released.countDown();
            // The launcher calls the Callable once the whole launch has started; should it never do (it refused
            // the service), stop the framework all the same.
            Thread fallback = new Thread(() -> {
                try {
                    Thread.sleep(LAUNCHER_GRACE_MILLIS); // the launcher gives no event when it takes the Callable
                } catch (InterruptedException e) {
                    return;
                }
                if (!called) {
                    stopFramework();
                }
            }, "backline-exit");
            fallback.setDaemon(true);
            fallback.start();
            return;
        }
        Thread stopper = new Thread(this::stopFramework, "backline-stop");
        stopper.start();
    }

    private void stopFramework() {
        try {
            context.getBundle(0).stop();
        } catch (Exception e) {
            logger.error("Could not stop the framework", e);
        }
    }

    private void signalled(String signal) {
        exit(0, "received SIG" + signal);
    }

    /**
     * Runs on the launcher's main thread until the process is to end. A class of its own: the launcher reads
     * the {@code Callable<Integer>} type argument, which a lambda does not carry.
     */
    private final class MainThread implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            called = true;
            released.await();
            return exitCode;
        }
    }

    /**
     * The JVM is exiting without the framework having stopped (a signal not handled above, System.exit
     * elsewhere): stop it here, bounded, so plugins still run their shutdown hooks.
     */
    private void stopFrameworkFromShutdownHook() {
        Bundle framework;
        try {
            framework = context.getBundle(0);
        } catch (IllegalStateException hostGone) {
            return; // the host bundle stopped: its close() would have removed this hook, the framework is going
        }
        if (framework == null || framework.getState() != Bundle.ACTIVE) {
            return;
        }
        try {
            logger.info("The JVM is exiting; stopping the framework");
            framework.stop();
            ((org.osgi.framework.launch.Framework) framework).waitForStop(60_000);
        } catch (Exception | LinkageError e) {
            logger.error("Could not stop the framework while the JVM exits", e);
        }
    }

    /**
     * The host is going away. If the framework stops too, the launcher's call returns 0 (unless an exit was
     * asked for already) and it exits; if only the host stops, the launcher waits for the next host.
     */
    @Override
    public void close() {
        if (!owned()) {
            return;
        }
        if (signals != null) {
            signals.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) now
        }
        Bundle framework = context.getBundle(0);
        if (released.getCount() > 0 && framework != null && framework.getState() == Bundle.STOPPING) {
            exitCode = 0;
        }
        released.countDown();
        try {
            main.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it
        }
    }
}
