package dev.backline.example.api;

import org.osgi.annotation.versioning.ProviderType;

import dev.backline.plugin.api.ExtensionPoint;

/** Lets modules add examples to the example plugin. */
@ProviderType
public interface ExamplesExtensionPoint {

    /** The extension point ref, id {@code example.examples}. */
    ExtensionPoint<ExamplesExtensionPoint> REF = ExtensionPoint.create("example.examples", ExamplesExtensionPoint.class);

    /** Adds an example; call it during your module's init. */
    void addExample(Example example);

    /** An example: a name and a description. */
    record Example(String name, String description) {
    }
}
