package dev.backline.permissions.core;

import java.util.List;
import java.util.Objects;

import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionResourceLoader;
import dev.backline.plugin.api.permission.PermissionResourceRef;
import dev.backline.plugin.api.permission.PermissionRule;
import dev.backline.plugin.api.permission.PermissionRuleset;
import dev.backline.plugin.api.services.PermissionsRegistryService;

/** One plugin's {@code core.permissionsRegistry}: registers into the backend's store under the plugin's id. */
final class PluginPermissionsRegistry implements PermissionsRegistryService {

    private final String pluginId;
    private final PermissionStore store;

    PluginPermissionsRegistry(String pluginId, PermissionStore store) {
        this.pluginId = pluginId;
        this.store = store;
    }

    @Override
    public <R, Q> void addResourceType(PermissionResourceRef<R, Q> resourceRef, List<? extends Permission> permissions,
            List<? extends PermissionRule<R, Q>> rules, PermissionResourceLoader<R> getResources) {
        Objects.requireNonNull(resourceRef, "resourceRef");
        if (!resourceRef.pluginId().equals(pluginId)) {
            throw new IllegalArgumentException("Plugin '" + pluginId + "' cannot register resource type '"
                    + resourceRef.resourceType() + "': its ref names plugin '" + resourceRef.pluginId() + "'");
        }
        store.addResourceType(pluginId, resourceRef.resourceType(), List.copyOf(permissions), List.copyOf(rules),
                getResources);
    }

    @Override
    public void addPermissions(List<? extends Permission> permissions) {
        store.addPermissions(pluginId, List.copyOf(permissions));
    }

    @Override
    public void addPermissionRules(List<? extends PermissionRule<?, ?>> rules) {
        store.addRules(pluginId, List.copyOf(rules));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R, Q> PermissionRuleset<R, Q> getPermissionRuleset(PermissionResourceRef<R, Q> resourceRef) {
        PermissionStore.ResourceTypeView type = store.resourceType(resourceRef.resourceType())
                .orElseThrow(() -> new IllegalArgumentException("No resource type '" + resourceRef.resourceType()
                        + "' is registered (asked by plugin '" + pluginId + "')"));
        if (!type.ownerPluginId().equals(resourceRef.pluginId())) {
            throw new IllegalArgumentException("Resource type '" + resourceRef.resourceType() + "' belongs to plugin '"
                    + type.ownerPluginId() + "', not to plugin '" + resourceRef.pluginId() + "' that the ref names");
        }
        // the ref's type parameters are the registering plugin's promise about its rules
        List<PermissionRule<R, Q>> rules = type.rules().stream().map(rule -> (PermissionRule<R, Q>) rule).toList();
        return PermissionRuleset.of(resourceRef.resourceType(), rules);
    }
}
