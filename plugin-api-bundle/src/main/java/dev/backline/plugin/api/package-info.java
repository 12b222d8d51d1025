/**
 * The Backline plugin API: plugins, modules, their registrars, service and extension point
 * references, and service factories.
 *
 * <p>This mirrors {@code @backstage/backend-plugin-api}: a {@link dev.backline.plugin.api.BackendPlugin}
 * is {@code createBackendPlugin}, a {@link dev.backline.plugin.api.BackendModule} is
 * {@code createBackendModule}, {@link dev.backline.plugin.api.ServiceRef} is {@code createServiceRef},
 * {@link dev.backline.plugin.api.ServiceFactory} is {@code createServiceFactory} and
 * {@link dev.backline.plugin.api.ExtensionPoint} is {@code createExtensionPoint}.
 */
@Export
@Version("1.1.0")
package dev.backline.plugin.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
