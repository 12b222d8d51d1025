package dev.backline.host.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.backline.runtime.config.schema.ConfigSchema;
import dev.backline.runtime.config.schema.ConfigSchemaException;
import dev.backline.runtime.config.schema.ConfigSchemaSource;
import dev.backline.plugin.api.BackendFeature;

/**
 * Reads a feature's configuration schema from the bundle its class comes from: the entry named by the
 * manifest header {@value #HEADER}, else {@value #DEFAULT_ENTRY} at the bundle root if there is one.
 * A header naming a missing entry is an error (the feature meant to ship a schema). Parsed schemas are
 * kept per bundle revision, so an updated bundle brings its new schema, and only while the bundle is
 * installed.
 */
final class BundleConfigSchemas implements ConfigSchemaSource {

    /** Manifest header naming the schema entry in the bundle. */
    static final String HEADER = "Backline-ConfigSchema";
    /** The schema entry used when the header is absent. */
    static final String DEFAULT_ENTRY = "config.schema.json";

    /** A bundle and its last modification, which changes with every update. */
    private record Revision(Bundle bundle, long lastModified) {
    }

    private final Map<Revision, List<ConfigSchema>> cache = new ConcurrentHashMap<>();

    @Override
    public List<ConfigSchema> schemasOf(BackendFeature feature) {
        Bundle bundle = FrameworkUtil.getBundle(feature.getClass());
        if (bundle == null) {
            return List.of();
        }
        Revision revision = new Revision(bundle, bundle.getLastModified());
        List<ConfigSchema> cached = cache.get(revision);
        if (cached != null) {
            return cached;
        }
        List<ConfigSchema> schemas = read(bundle);
        // Earlier revisions of this bundle, and bundles uninstalled since (each install is a new bundle), go.
        cache.keySet().removeIf(r -> r.bundle().equals(bundle) || r.bundle().getState() == Bundle.UNINSTALLED);
        cache.put(revision, schemas);
        return schemas;
    }

    private static List<ConfigSchema> read(Bundle bundle) {
        String declared = bundle.getHeaders("").get(HEADER);
        String entry = declared == null || declared.isBlank() ? DEFAULT_ENTRY : declared.trim();
        String origin = entry + " of bundle " + bundle.getSymbolicName() + " " + bundle.getVersion();
        // getEntry reads the bundle itself, never what its class loader can see through imports.
        URL url = bundle.getEntry(entry);
        if (url == null) {
            if (declared != null && !declared.isBlank()) {
                throw new ConfigSchemaException("Configuration schema " + origin + " does not exist (named by the "
                        + HEADER + " header)");
            }
            return List.of();
        }
        try (InputStream in = url.openStream()) {
            return List.of(ConfigSchema.parse(origin, in));
        } catch (IOException e) {
            throw new ConfigSchemaException("Configuration schema " + origin + " could not be read: " + e, e);
        }
    }
}
