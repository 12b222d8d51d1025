package dev.backline.itest.stale;

import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import dev.backline.example.catalog.api.CatalogProcessingExtensionPoint;
import dev.backline.plugin.api.BackendModule;

/**
 * Activator of a module bundle that {@code LibraryRevisionsIT} builds: it imports the catalog library at
 * version [2,3), so it sees another revision of {@link CatalogProcessingExtensionPoint} than the catalog
 * plugin, which implements revision 0.1.
 */
public final class StaleProcessorActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(BackendModule.class, BackendModule.create("catalog", "stale-processor",
                env -> env.registerInit(List.of(CatalogProcessingExtensionPoint.REF),
                        deps -> deps.get(CatalogProcessingExtensionPoint.REF))), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
