package dev.backline.itest.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.ops4j.pax.tinybundles.TinyBundle;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

/** Bundle jars for launched-jar tests, built from this module's test classes. */
final class TestBundles {

    /** What a plugin bundle of these tests imports. */
    static final String PLUGIN_IMPORTS = "org.osgi.framework,dev.backline.plugin.api;version=\"[1.0,2)\","
            + "dev.backline.plugin.api.services;version=\"[1.1,2)\",jakarta.servlet;version=\"[6.0,7)\","
            + "jakarta.servlet.http;version=\"[6.0,7)\"";

    private TestBundles() {
    }

    /** Writes a bundle with {@code activator} (and the further classes it needs) to {@code file}. */
    static Path write(Path file, String symbolicName, String imports, Class<?> activator, Class<?>... more) {
        return write(file, symbolicName, java.util.Map.of(Constants.BUNDLE_ACTIVATOR, activator.getName(),
                Constants.IMPORT_PACKAGE, imports), activator, more);
    }

    /** Writes a bundle with these headers (besides name and version) and classes to {@code file}. */
    static Path write(Path file, String symbolicName, java.util.Map<String, String> headers, Class<?> first, Class<?>... more) {
        TinyBundle bundle = TinyBundles.bundle()
                .addClass(first)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, symbolicName)
                .setHeader(Constants.BUNDLE_VERSION, "1.0.0");
        headers.forEach(bundle::setHeader);
        for (Class<?> type : more) {
            bundle.addClass(type);
        }
        try (InputStream jar = bundle.build(TinyBundles.rawBuilder())) {
            Files.copy(jar, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
