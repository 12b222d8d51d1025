package dev.backline.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A feature's init: runs once when the feature starts, with the dependencies it declared.
 */
@ConsumerType
@FunctionalInterface
public interface InitFunction {

    void init(Dependencies deps) throws Exception;
}
