package dev.backline.permissions.osgi;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.backline.permissions.core.PermissionPlugin;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.BacklinePlugin;
import dev.backline.plugin.api.Registrar;

/** The {@code permission} plugin ({@code POST /api/permission/authorize}) over this bundle's permission system. */
@Component(service = BackendPlugin.class)
@BacklinePlugin("permission")
public final class PermissionPluginComponent implements BackendPlugin {

    private final PermissionsComponent permissions;

    @Activate
    public PermissionPluginComponent(@Reference(name = "permissions") PermissionsComponent permissions) {
        this.permissions = permissions;
    }

    @Override
    public void register(Registrar env) {
        PermissionPlugin.register(permissions.system(), env, true);
    }
}
