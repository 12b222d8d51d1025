package dev.backline.plugin.api.permission;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Loads resources of a plugin's resource type by their refs, so that conditional decisions about them can be checked
 * with the plugin's rules: Backstage's {@code getResources}.
 */
@ConsumerType
@FunctionalInterface
public interface PermissionResourceLoader<R> {

    /** The resources of {@code resourceRefs} by ref; a ref with no resource is left out (and denied). */
    Map<String, R> load(List<String> resourceRefs) throws Exception;
}
