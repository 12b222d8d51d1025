/** The catalog's extension point library: modules import this, never the catalog plugin's bundle. */
@Export
@Version("1.0.0")
package dev.backline.example.catalog.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
