/**
 * The core services every backend provides ({@link dev.backline.plugin.api.services.CoreServices}) and
 * their interfaces. Backstage's {@code coreServices}.
 */
@Export
@Version("1.4.0")
package dev.backline.plugin.api.services;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
