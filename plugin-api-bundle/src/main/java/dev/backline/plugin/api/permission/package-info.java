/**
 * The permission framework's model (Backstage's {@code @backstage/plugin-permission-common} and
 * {@code -node}): permissions, the policy's decisions and conditions, permission rules, and the
 * {@link dev.backline.plugin.api.permission.PermissionPolicy} SPI a policy bundle provides as an OSGi service.
 * Plugins ask through {@link dev.backline.plugin.api.services.PermissionsService} ({@code core.permissions}) and
 * describe their permissions, resource types and rules through
 * {@link dev.backline.plugin.api.services.PermissionsRegistryService} ({@code core.permissionsRegistry}).
 */
@Export
@Version("1.0.0")
package dev.backline.plugin.api.permission;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
