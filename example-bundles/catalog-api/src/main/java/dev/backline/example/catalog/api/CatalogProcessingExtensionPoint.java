package dev.backline.example.catalog.api;

import org.osgi.annotation.versioning.ProviderType;

import dev.backline.plugin.api.ExtensionPoint;

/** Lets modules add processors to the catalog; Backstage's {@code catalogProcessingExtensionPoint}. */
@ProviderType
public interface CatalogProcessingExtensionPoint {

    /** The extension point ref, id {@code catalog.processing}. */
    ExtensionPoint<CatalogProcessingExtensionPoint> REF =
            ExtensionPoint.create("catalog.processing", CatalogProcessingExtensionPoint.class);

    /** Adds a processor; call it during your module's init. */
    void addProcessor(CatalogProcessor processor);
}
