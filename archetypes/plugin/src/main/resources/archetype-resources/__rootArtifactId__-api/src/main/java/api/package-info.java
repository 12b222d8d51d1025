/** The ${pluginId} plugin's extension point library; its version says what changed, for the modules importing it. */
@Export
@Version("1.0.0")
package ${package}.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
