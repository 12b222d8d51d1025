/**
 * Errors that map to HTTP statuses (Backstage's {@code @backstage/errors}): throw one from a handler or
 * a service and the backend answers with its status and a JSON error body.
 */
@Export
@Version("1.1.0")
package dev.backline.plugin.api.errors;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
