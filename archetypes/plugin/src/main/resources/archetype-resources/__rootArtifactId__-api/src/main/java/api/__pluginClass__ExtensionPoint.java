package ${package}.api;

import org.osgi.annotation.versioning.ProviderType;

import dev.backline.plugin.api.ExtensionPoint;

/** Lets modules contribute items to the ${pluginId} plugin; they are listed with the stored ones. */
@ProviderType
public interface ${pluginClass}ExtensionPoint {

    /** The extension point, id {@code ${pluginId}.items}. */
    ExtensionPoint<${pluginClass}ExtensionPoint> REF = ExtensionPoint.create("${pluginId}.items", ${pluginClass}ExtensionPoint.class);

    /** Adds an item; call it during your module's init. */
    void addItem(Item item);

    /** An item a module contributes. */
    record Item(String title) {
    }
}
