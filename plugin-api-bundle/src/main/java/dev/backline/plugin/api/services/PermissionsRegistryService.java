package dev.backline.plugin.api.services;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionResourceLoader;
import dev.backline.plugin.api.permission.PermissionResourceRef;
import dev.backline.plugin.api.permission.PermissionRule;
import dev.backline.plugin.api.permission.PermissionRuleset;

/**
 * The plugin's permissions, resource types and rules, as the permission framework knows them: Backstage's
 * {@code coreServices.permissionsRegistry}. Register during init; what a plugin registered is forgotten when it stops.
 *
 * @since 1.4
 */
@ProviderType
public interface PermissionsRegistryService {

    /**
     * Registers a resource type owned by this plugin, with its permissions, rules and loader.
     *
     * @param getResources loads resources by ref, so that conditional decisions about one resource can be checked
     *                     here; null when the plugin checks conditions itself (such requests are then denied)
     * @throws IllegalArgumentException when the ref names another plugin, or the type, a permission or a rule is
     *                                  registered already, naming them and their plugin
     */
    <R, Q> void addResourceType(PermissionResourceRef<R, Q> resourceRef, List<? extends Permission> permissions,
            List<? extends PermissionRule<R, Q>> rules, PermissionResourceLoader<R> getResources);

    /**
     * Registers permissions; a resource permission's type must not belong to another plugin.
     *
     * @throws IllegalArgumentException for a name another definition or plugin registered, naming both plugins
     */
    void addPermissions(List<? extends Permission> permissions);

    /**
     * Adds rules to resource types of this plugin (a module adding rules to its plugin's type, say).
     *
     * @throws IllegalArgumentException for a resource type of another plugin or a rule name in use, naming them
     */
    void addPermissionRules(List<? extends PermissionRule<?, ?>> rules);

    /**
     * The rules registered for {@code resourceRef}'s resource type, to turn conditions into queries.
     *
     * @throws IllegalArgumentException when the type is not registered, or by another plugin than the ref names
     */
    <R, Q> PermissionRuleset<R, Q> getPermissionRuleset(PermissionResourceRef<R, Q> resourceRef);
}
