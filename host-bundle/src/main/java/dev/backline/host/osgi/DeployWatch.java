package dev.backline.host.osgi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

import dev.backline.plugin.api.services.LoggerService;

/**
 * The hot-deploy directory, as the host sees it: the bundle jars there at launch are part of the first
 * start, so the host waits until FileInstall has installed and started each of them (or each has failed
 * to resolve, which is logged with the framework's reason); jars that are no bundle are logged by file
 * name, at launch and whenever one appears later. FileInstall gives no event for "first scan done", so
 * this polls, with a deadline. A bundle counts as started once its STARTED event reached asynchronous
 * listeners: by then SCR has registered its components. A bundle FileInstall meant to start but did not
 * (its start can lose a race with another resolve, and FileInstall retries only on the next change in
 * the directory) is started here, once bundle events have been quiet for a moment.
 */
final class DeployWatch implements AutoCloseable {

    /** FileInstall's directory property, relative to the working directory. */
    static final String DIRECTORY_PROPERTY = "felix.fileinstall.dir";
    /** How long the first start waits for the bundles of the directory. */
    static final Duration LAUNCH_DEADLINE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;
    /** How long bundle events must have been quiet before a bundle not started is looked into. */
    private static final long QUIET_MILLIS = 300;
    private static final long WATCH_MILLIS = 2000;

    private final BundleContext context;
    private final LoggerService logger;
    private final Path directory;
    private final Map<Path, FileTime> reported = new HashMap<>();
    private volatile boolean closed;
    private Thread thread;
    /**
     * Bundles whose STARTED event has been delivered to asynchronous listeners: the framework delivers it to
     * synchronous listeners first, SCR among them, so by then the bundle's components are registered. A bundle
     * that is merely ACTIVE may still be in SCR's hands.
     */
    private final java.util.Set<Long> startedBundles = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When a bundle was first seen not started with every jar of the launch installed. Watch thread only. */
    private final Map<Long, Long> notStartedSince = new HashMap<>();
    /** When the last bundle event was delivered (System.nanoTime()). */
    private volatile long lastBundleEvent = System.nanoTime();
    private final org.osgi.framework.BundleListener startedListener = event -> {
        lastBundleEvent = System.nanoTime();
        if (event.getType() == org.osgi.framework.BundleEvent.STARTED) {
            startedBundles.add(event.getBundle().getBundleId());
        }
    };

    private DeployWatch(BundleContext context, LoggerService logger, Path directory) {
        this.context = context;
        this.logger = logger;
        this.directory = directory;
    }

    /**
     * Starts watching; {@code launchBundlesDone} runs once every bundle jar there at launch is installed
     * and started or failed (at once when there is no directory).
     */
    static DeployWatch start(BundleContext context, LoggerService logger, Runnable launchBundlesDone) {
        String configured = context.getProperty(DIRECTORY_PROPERTY);
        DeployWatch watch = new DeployWatch(context, logger, configured == null ? null : Path.of(configured));
        if (configured == null) {
            launchBundlesDone.run();
            return watch;
        }
        watch.thread = new Thread(() -> watch.run(launchBundlesDone), "backline-deploy-watch");
        watch.thread.setDaemon(true);
        watch.thread.start();
        return watch;
    }

    private void run(Runnable launchBundlesDone) {
        try {
            DeployDirectory.Scan launch = DeployDirectory.scan(directory);
            reportRejected(launch);
            awaitBundles(launch.bundles());
        } finally {
            launchBundlesDone.run();
        }
        while (!closed) {
            try {
                Thread.sleep(WATCH_MILLIS); // FileInstall polls the directory too; no file event API is used here
            } catch (InterruptedException e) {
                return;
            }
            reportRejected(DeployDirectory.scan(directory));
        }
    }

    private void reportRejected(DeployDirectory.Scan scan) {
        for (DeployDirectory.NotABundle rejected : scan.rejected()) {
            FileTime modified = modified(rejected.file());
            if (!modified.equals(reported.put(rejected.file(), modified))) {
                logger.error(rejected.message());
            }
        }
        reported.keySet().removeIf(file -> !Files.exists(file));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private void awaitBundles(List<DeployDirectory.BundleJar> jars) {
        // Listening before looking: a bundle started after this line is seen by its event.
        context.addBundleListener(startedListener);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE) {
                startedBundles.add(bundle.getBundleId());
            }
        }
        try {
            awaitSettled(jars);
        } finally {
            context.removeBundleListener(startedListener);
        }
    }

    private void awaitSettled(List<DeployDirectory.BundleJar> jars) {
        List<DeployDirectory.BundleJar> pending = new ArrayList<>(jars);
        long deadline = System.nanoTime() + LAUNCH_DEADLINE.toNanos();
        while (!pending.isEmpty() && !closed) {
            Map<String, Bundle> installed = installedBundles();
            // A bundle may need a library FileInstall has not installed yet: judge resolution only once every jar of
            // the launch is installed, or a plugin dropped with its library would be reported as unresolvable.
            boolean allInstalled = pending.stream().allMatch(jar -> installed(jar, installed).isPresent());
            pending.removeIf(jar -> settled(jar, installed, allInstalled));
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                logger.warn("Starting without " + pending.stream().map(j -> j.file().toString()).toList()
                        + ": not installed and started from " + directory + " within " + LAUNCH_DEADLINE.toSeconds() + " s");
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS); // see the class comment: FileInstall tells nobody when it is done
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Installed and started (a fragment: resolved), or known not to resolve or start (logged), which is only judged
     * when {@code judgeResolution}: every jar of the launch is installed.
     */
    private boolean settled(DeployDirectory.BundleJar jar, Map<String, Bundle> installed, boolean judgeResolution) {
        Optional<Bundle> found = installed(jar, installed);
        if (found.isEmpty()) {
            return false;
        }
        Bundle bundle = found.get();
        boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        int state = bundle.getState();
        if ((state == Bundle.ACTIVE && startedBundles.contains(bundle.getBundleId())) || (fragment && state == Bundle.RESOLVED)) {
            return true;
        }
        if (!judgeResolution || fragment || (state != Bundle.INSTALLED && state != Bundle.RESOLVED)) {
            return false;
        }
        // Left alone while bundles still come and go: FileInstall starts it, and may be refreshing bundles (their
        // exports are missing meanwhile). A resolve from this thread then could make FileInstall's start fail (the
        // framework refuses a resolve while another runs), and FileInstall retries a failed start only when the
        // directory changes again.
        long now = System.nanoTime();
        long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        long since = notStartedSince.computeIfAbsent(bundle.getBundleId(), id -> now);
        if (now - since < quiet || now - lastBundleEvent < quiet) {
            return false;
        }
        String name = jar.file() + " (bundle " + jar.symbolicName() + " " + jar.version() + ")";
        List<String> missing = state == Bundle.INSTALLED ? missingRequirements(bundle) : List.of();
        if (!missing.isEmpty()) {
            logger.error(name + " cannot be resolved: missing requirement " + String.join(", missing requirement ", missing));
            return true;
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        if (state == Bundle.INSTALLED && !wiring.resolveBundles(List.of(bundle))) {
            logger.error(name + " cannot be resolved: its requirements conflict with what is installed "
                    + "(felix:inspect requirement " + bundle.getBundleId() + " shows them)");
            return true;
        }
        if (!bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).isPersistentlyStarted()) {
            return true; // FileInstall was told not to start it
        }
        // FileInstall asked for a start that did not happen (its start raced with another resolve, seen at launch
        // with a few hundred bundles): start it.
        try {
            logger.info(name + " was not started by FileInstall although it resolves; starting it");
            bundle.start();
            return false; // settled once its STARTED event arrives
        } catch (org.osgi.framework.BundleException | IllegalStateException e) {
            logger.error(name + " cannot be started: " + e.getMessage(), e);
            return true;
        }
    }

    /** The installed bundles by symbolic name and version: one pass over the framework's bundles per poll. */
    private Map<String, Bundle> installedBundles() {
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            installed.put(bundle.getSymbolicName() + ";" + bundle.getVersion(), bundle);
        }
        return installed;
    }

    private static Optional<Bundle> installed(DeployDirectory.BundleJar jar, Map<String, Bundle> installed) {
        Version version;
        try {
            version = Version.parseVersion(jar.version());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(installed.get(jar.symbolicName() + ";" + version));
    }

    /**
     * The bundle's mandatory requirements that nothing installed provides, as the framework's resolver would
     * name them ("osgi.wiring.package; (osgi.wiring.package=com.example)").
     */
    private List<String> missingRequirements(Bundle bundle) {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : bundle.adapt(BundleRevision.class).getRequirements(null)) {
            boolean optional = Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
            if (!optional && wiring.findProviders(requirement).isEmpty()) {
                missing.add(requirement.getNamespace() + "; " + requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE));
            }
        }
        return missing;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
