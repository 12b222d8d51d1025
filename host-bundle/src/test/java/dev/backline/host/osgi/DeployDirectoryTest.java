package dev.backline.host.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the hot-deploy directory: bundles by symbolic name and version, every other jar named with why. */
class DeployDirectoryTest {

    @TempDir
    Path deploy;

    private Path jar(String name, Manifest manifest) throws IOException {
        Path file = deploy.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = manifest == null ? null : new JarOutputStream(out, manifest)) {
            if (manifest == null) {
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("readme.txt"));
                    zip.write("no manifest".getBytes());
                }
            }
        }
        return file;
    }

    private static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        return manifest;
    }

    @Test
    void bundlesAreReadAndEveryOtherJarIsNamedWithItsReason() throws IOException {
        Path bundle = jar("plugin.jar", manifest("dev.example.plugin;singleton:=true", "1.2.3"));
        Path plain = jar("plain.jar", manifest(null, null));
        Path noManifest = jar("bare.jar", null);
        Path garbage = Files.writeString(deploy.resolve("broken.jar"), "not a zip at all");
        Files.writeString(deploy.resolve("notes.txt"), "ignored: not a jar");

        DeployDirectory.Scan scan = DeployDirectory.scan(deploy);

        assertEquals(List.of(new DeployDirectory.BundleJar(bundle, "dev.example.plugin", "1.2.3")), scan.bundles());
        assertEquals(3, scan.rejected().size(), scan.rejected().toString());
        assertTrue(scan.rejected().contains(new DeployDirectory.NotABundle(plain, "its manifest has no Bundle-SymbolicName")));
        assertTrue(scan.rejected().contains(new DeployDirectory.NotABundle(noManifest, "it has no META-INF/MANIFEST.MF")));
        DeployDirectory.NotABundle broken = scan.rejected().stream().filter(r -> r.file().equals(garbage)).findFirst().orElseThrow();
        assertTrue(broken.message().startsWith(garbage + " is not an OSGi bundle (it is not a zip file"), broken.message());
    }

    @Test
    void aMissingDirectoryHasNothing() {
        DeployDirectory.Scan scan = DeployDirectory.scan(deploy.resolve("absent"));
        assertEquals(List.of(), scan.bundles());
        assertEquals(List.of(), scan.rejected());
    }
}
