package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ConsumerType;

/** A startup or shutdown hook. A hook that throws is logged; it never stops the backend. */
@ConsumerType
@FunctionalInterface
public interface LifecycleHook {

    void run() throws Exception;
}
