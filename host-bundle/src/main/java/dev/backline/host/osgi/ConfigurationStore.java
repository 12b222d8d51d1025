package dev.backline.host.osgi;

import java.util.Map;
import java.util.Optional;

/**
 * Where per-plugin configurations live: ConfigAdmin in the container ({@link ConfigAdminStore}), a map in
 * tests. Properties are flat (dotted keys), without the store's own bookkeeping keys.
 */
interface ConfigurationStore {

    /** The configuration's properties, or empty when it does not exist. */
    Optional<Map<String, Object>> read(String pid);

    /** Creates or replaces the configuration. */
    void write(String pid, Map<String, Object> properties);

    /** Deletes the configuration, if it exists. */
    void delete(String pid);

    /** Whether an operator's file backs the configuration (FileInstall writes changes back into it). */
    boolean fileBacked(String pid);
}
