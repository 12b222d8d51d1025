package dev.backline.host.osgi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * The bundle jars in the hot-deploy directory ({@code felix.fileinstall.dir}), read the way the framework
 * will read them, so that a file that is no bundle is reported by its name and the jars there at launch
 * can be waited for.
 */
final class DeployDirectory {

    /** A jar that is a bundle: its file, symbolic name and version. */
    record BundleJar(Path file, String symbolicName, String version) {
    }

    /** A jar that is no bundle, and why. */
    record NotABundle(Path file, String reason) {
        String message() {
            return file + " is not an OSGi bundle (" + reason + "); it is not installed";
        }
    }

    /** What a scan found. */
    record Scan(List<BundleJar> bundles, List<NotABundle> rejected) {
    }

    private DeployDirectory() {
    }

    /** The {@code *.jar} files directly in {@code directory}; an absent directory has none. */
    static Scan scan(Path directory) {
        List<BundleJar> bundles = new ArrayList<>();
        List<NotABundle> rejected = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Scan(bundles, rejected);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path jar : jars) {
                if (Files.isRegularFile(jar)) {
                    read(jar).ifPresentOrElse(bundles::add, () -> rejected.add(new NotABundle(jar, reasonOf(jar))));
                }
            }
        } catch (IOException e) {
            rejected.add(new NotABundle(directory, "the directory cannot be read: " + e.getMessage()));
        }
        return new Scan(bundles, rejected);
    }

    private static Optional<BundleJar> read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                return Optional.empty();
            }
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            return Optional.of(new BundleJar(jar, name.split(";")[0].trim(), version == null ? "0.0.0" : version.trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String reasonOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return "it has no META-INF/MANIFEST.MF";
            }
            Attributes main = manifest.getMainAttributes();
            return main.getValue("Bundle-SymbolicName") == null ? "its manifest has no Bundle-SymbolicName" : "unreadable";
        } catch (ZipException e) {
            return "it is not a zip file: " + e.getMessage();
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }
}
