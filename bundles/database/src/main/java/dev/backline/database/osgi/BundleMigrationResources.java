package dev.backline.database.osgi;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.backline.database.core.MigrationResources;
import dev.backline.plugin.api.services.DatabaseMigrations;

/**
 * Reads migrations straight from the entries of the anchor class's bundle (and its fragments). Going
 * through the bundle rather than a class loader means the plugin bundle needs no exports or imports for
 * its SQL folder (a class loader would map the folder to a package the plugin would have to export).
 */
final class BundleMigrationResources implements MigrationResources {

    @Override
    public Optional<ResourceProvider> providerFor(DatabaseMigrations migrations) {
        Bundle bundle = FrameworkUtil.getBundle(migrations.anchor());
        if (bundle == null) {
            return Optional.empty();
        }
        return Optional.of(new BundleResourceProvider(bundle, migrations.location()));
    }

    private static final class BundleResourceProvider implements ResourceProvider {
        private final List<BundleResource> resources = new ArrayList<>();

        BundleResourceProvider(Bundle bundle, String location) {
            Enumeration<URL> entries = bundle.findEntries(location, "*", true);
            for (URL url : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
                String path = url.getPath().replaceFirst("^/", "");
                if (!path.endsWith("/")) {
                    resources.add(new BundleResource(url, path, path.substring(location.length() + 1)));
                }
            }
        }

        @Override
        public LoadableResource getResource(String name) {
            return resources.stream().filter(r -> r.getRelativePath().equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> matching = new ArrayList<>();
            for (BundleResource resource : resources) {
                String filename = resource.getFilename();
                if (filename.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(filename::endsWith)) {
                    matching.add(resource);
                }
            }
            return matching;
        }
    }

    private static final class BundleResource extends LoadableResource {
        private final URL url;
        private final String absolutePath;
        private final String relativePath;

        BundleResource(URL url, String absolutePath, String relativePath) {
            this.url = url;
            this.absolutePath = absolutePath;
            this.relativePath = relativePath;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration " + url, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return absolutePath;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return relativePath.substring(relativePath.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }
    }
}
