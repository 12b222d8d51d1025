package dev.backline.launch;

import java.nio.file.Path;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Makes the launch's data directory absolute before the bundles that use it start. Felix ConfigAdmin
 * resolves a relative {@code felix.cm.dir} inside its own bundle storage, which the launcher recreates at
 * every start; Backline keeps configurations next to the working directory instead, in
 * {@code backline.configadmin.dir} (default {@code data/config}), so they survive a restart.
 *
 * <p>An operator's own {@code -Dfelix.cm.dir=…} wins. This bundle runs at start level 1, before ConfigAdmin.
 */
public final class LaunchSettings implements BundleActivator {

    static final String CONFIGADMIN_DIR = "felix.cm.dir";
    static final String BACKLINE_CONFIGADMIN_DIR = "backline.configadmin.dir";
    static final String DEFAULT_DIR = "data/config";

    @Override
    public void start(BundleContext context) {
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
