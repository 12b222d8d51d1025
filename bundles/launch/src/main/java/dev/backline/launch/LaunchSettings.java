package dev.backline.launch;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Settings of the executable jar that must be in place before the bundles that read them start (this
 * bundle runs first, at start level 1):
 * <ul>
 * <li>ConfigAdmin's storage next to the working directory. Felix ConfigAdmin resolves a relative
 * {@code felix.cm.dir} inside its own bundle storage, which the launcher recreates at every start; Backline
 * keeps configurations in {@code backline.configadmin.dir} (default {@code data/config}) made absolute, so
 * they survive a restart. An operator's own {@code -Dfelix.cm.dir=…} wins.</li>
 * <li>No informational java.util.logging lines before logback is there: SPI Fly announces every
 * ServiceLoader provider it registers, the first ones before any bridge to logback exists, so they would be
 * the only lines of a JSON log that are not JSON.</li>
 * </ul>
 */
public final class LaunchSettings implements BundleActivator {

    /** java.util.logging holds its loggers weakly: a level set on one nobody else holds would be lost. */
    private static final Logger SPI_FLY = Logger.getLogger("org.apache.aries.spifly");

    static final String CONFIGADMIN_DIR = "felix.cm.dir";
    static final String BACKLINE_CONFIGADMIN_DIR = "backline.configadmin.dir";
    static final String DEFAULT_DIR = "data/config";

    @Override
    public void start(BundleContext context) {
        if (SPI_FLY.getLevel() == null) {
            SPI_FLY.setLevel(Level.WARNING);
        }
        if (context.getProperty(CONFIGADMIN_DIR) == null) {
            System.setProperty(CONFIGADMIN_DIR, configAdminDirectory(context.getProperty(BACKLINE_CONFIGADMIN_DIR),
                    Path.of(System.getProperty("user.dir"))).toString());
        }
    }

    /** The directory for ConfigAdmin's storage: {@code configured} (or the default) against the working directory. */
    static Path configAdminDirectory(String configured, Path workingDirectory) {
        String directory = configured == null || configured.isBlank() ? DEFAULT_DIR : configured.trim();
        return workingDirectory.resolve(directory).toAbsolutePath().normalize();
    }

    @Override
    public void stop(BundleContext context) {
    }
}
