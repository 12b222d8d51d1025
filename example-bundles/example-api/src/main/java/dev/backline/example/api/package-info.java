/** The example plugin's extension point library: modules import this, never the plugin's bundle. */
@Export
@Version("1.0.0")
package dev.backline.example.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
