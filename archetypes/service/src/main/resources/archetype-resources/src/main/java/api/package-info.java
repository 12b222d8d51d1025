/** The ${serviceId} service's API: exported and versioned; what plugins compile against. */
@Export
@Version("1.0.0")
package ${package}.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
