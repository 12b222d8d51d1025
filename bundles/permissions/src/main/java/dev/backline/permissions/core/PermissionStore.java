package dev.backline.permissions.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionResourceLoader;
import dev.backline.plugin.api.permission.PermissionRule;
import dev.backline.plugin.api.permission.ResourcePermission;

/**
 * What every plugin of the backend registered: permissions by name, resource types with their owning plugin, rules
 * and loader. One per backend, shared by every plugin's registry and permissions service, because a check in one
 * plugin may need the rules of another (the one owning the resource type).
 */
final class PermissionStore {

    /** A permission and the plugin that registered it. */
    record RegisteredPermission(String pluginId, Permission permission) {
    }

    /** A resource type as registered so far; rules may come (from a module) before the type itself. */
    static final class ResourceType {
        final String name;
        final String ownerPluginId;
        final Map<String, PermissionRule<?, ?>> rules = new LinkedHashMap<>();
        boolean registered;
        PermissionResourceLoader<?> loader;

        ResourceType(String name, String ownerPluginId) {
            this.name = name;
            this.ownerPluginId = ownerPluginId;
        }
    }

    /** An immutable view of a resource type for evaluation. */
    record ResourceTypeView(String name, String ownerPluginId, List<PermissionRule<?, ?>> rules,
            PermissionResourceLoader<?> loader) {
    }

    private final Map<String, RegisteredPermission> permissions = new LinkedHashMap<>();
    private final Map<String, ResourceType> resourceTypes = new LinkedHashMap<>();

    synchronized void addPermissions(String pluginId, List<? extends Permission> added) {
        // check all first, so that a refused batch leaves nothing behind
        Map<String, Permission> batch = new LinkedHashMap<>();
        for (Permission permission : added) {
            if (permission instanceof ResourcePermission resource) {
                ResourceType type = resourceTypes.get(resource.resourceType());
                if (type != null && !type.ownerPluginId.equals(pluginId)) {
                    throw new IllegalArgumentException("Plugin '" + pluginId + "' cannot register permission '"
                            + permission.name() + "': its resource type '" + resource.resourceType()
                            + "' belongs to plugin '" + type.ownerPluginId + "'");
                }
            }
            RegisteredPermission existing = permissions.get(permission.name());
            Permission sameBatch = batch.get(permission.name());
            if (existing != null && !existing.pluginId().equals(pluginId)) {
                throw new IllegalArgumentException("Permission '" + permission.name() + "' is already registered by plugin '"
                        + existing.pluginId() + "'; plugin '" + pluginId + "' cannot register it again");
            }
            if (existing != null && !existing.permission().equals(permission)) {
                throw new IllegalArgumentException("Permission '" + permission.name() + "' is already registered by plugin '"
                        + pluginId + "' as " + existing.permission() + "; it cannot be registered again as " + permission);
            }
            if (sameBatch != null && !sameBatch.equals(permission)) {
                throw new IllegalArgumentException("Permission '" + permission.name() + "' is given twice by plugin '"
                        + pluginId + "', as " + sameBatch + " and as " + permission);
            }
            batch.put(permission.name(), permission);
        }
        batch.forEach((name, permission) -> permissions.put(name, new RegisteredPermission(pluginId, permission)));
    }

    synchronized void addResourceType(String pluginId, String resourceType, List<? extends Permission> typePermissions,
            List<? extends PermissionRule<?, ?>> rules, PermissionResourceLoader<?> loader) {
        ResourceType type = resourceTypes.get(resourceType);
        if (type != null && type.registered) {
            throw new IllegalArgumentException("Resource type '" + resourceType + "' is already registered by plugin '"
                    + type.ownerPluginId + "'; plugin '" + pluginId + "' cannot register it again");
        }
        if (type != null && !type.ownerPluginId.equals(pluginId)) {
            throw new IllegalArgumentException("Plugin '" + pluginId + "' cannot register resource type '" + resourceType
                    + "': plugin '" + type.ownerPluginId + "' added rules for it first, so it belongs to that plugin");
        }
        for (Permission permission : typePermissions) {
            if (permission instanceof ResourcePermission resource && !resource.resourceType().equals(resourceType)) {
                throw new IllegalArgumentException("Permission '" + permission.name() + "' is for resource type '"
                        + resource.resourceType() + "', not '" + resourceType + "' that plugin '" + pluginId
                        + "' registers it with");
            }
        }
        boolean created = type == null;
        if (created) {
            type = new ResourceType(resourceType, pluginId);
        }
        checkRules(pluginId, type, rules);
        // permissions before the type is committed, so that a refused permission leaves no type behind
        if (created) {
            resourceTypes.put(resourceType, type);
        }
        try {
            addPermissions(pluginId, typePermissions);
        } catch (IllegalArgumentException refused) {
            if (created) {
                resourceTypes.remove(resourceType);
            }
            throw refused;
        }
        for (PermissionRule<?, ?> rule : rules) {
            type.rules.put(rule.name(), rule);
        }
        type.registered = true;
        type.loader = loader;
    }

    synchronized void addRules(String pluginId, List<? extends PermissionRule<?, ?>> rules) {
        Map<String, List<PermissionRule<?, ?>>> byType = new LinkedHashMap<>();
        for (PermissionRule<?, ?> rule : rules) {
            byType.computeIfAbsent(rule.resourceType(), t -> new ArrayList<>()).add(rule);
        }
        Map<String, ResourceType> types = new LinkedHashMap<>();
        for (var entry : byType.entrySet()) {
            ResourceType type = resourceTypes.get(entry.getKey());
            if (type == null) {
                // a module of the plugin may add rules before the plugin's init registers the type
                type = new ResourceType(entry.getKey(), pluginId);
            }
            checkRules(pluginId, type, entry.getValue());
            types.put(entry.getKey(), type);
        }
        types.forEach((name, type) -> {
            resourceTypes.putIfAbsent(name, type);
            byType.get(name).forEach(rule -> type.rules.put(rule.name(), rule));
        });
    }

    private static void checkRules(String pluginId, ResourceType type, List<? extends PermissionRule<?, ?>> rules) {
        List<String> names = new ArrayList<>();
        for (PermissionRule<?, ?> rule : rules) {
            if (!type.name.equals(rule.resourceType())) {
                throw new IllegalArgumentException("Permission rule '" + rule.name() + "' is for resource type '"
                        + rule.resourceType() + "', not '" + type.name + "' that plugin '" + pluginId
                        + "' registers it with");
            }
            if (!type.ownerPluginId.equals(pluginId)) {
                throw new IllegalArgumentException("Plugin '" + pluginId + "' cannot add permission rule '" + rule.name()
                        + "' for resource type '" + type.name + "': the resource type belongs to plugin '"
                        + type.ownerPluginId + "'");
            }
            if (type.rules.containsKey(rule.name()) || names.contains(rule.name())) {
                throw new IllegalArgumentException("Permission rule '" + rule.name() + "' for resource type '" + type.name
                        + "' is already registered by plugin '" + type.ownerPluginId + "'");
            }
            names.add(rule.name());
        }
    }

    /** Forgets what {@code pluginId} registered: it stopped, or starts again and registers anew. */
    synchronized void removePlugin(String pluginId) {
        permissions.values().removeIf(registered -> registered.pluginId().equals(pluginId));
        resourceTypes.values().removeIf(type -> type.ownerPluginId.equals(pluginId));
    }

    synchronized Optional<ResourceTypeView> resourceType(String name) {
        ResourceType type = resourceTypes.get(name);
        return type == null ? Optional.empty() : Optional.of(new ResourceTypeView(type.name, type.ownerPluginId,
                List.copyOf(type.rules.values()), type.registered ? type.loader : null));
    }

    synchronized List<RegisteredPermission> permissions() {
        return List.copyOf(permissions.values());
    }
}
