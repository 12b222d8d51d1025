package dev.backline.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates an extension point implementation for one consuming module.
 *
 * @param <T> the extension point interface
 */
@ConsumerType
@FunctionalInterface
public interface ExtensionPointFactory<T> {

    T create(ExtensionPointFactoryContext context) throws Exception;
}
