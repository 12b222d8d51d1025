/**
 * The thin OSGi adapter: a DS component that tracks the drivers' DataSourceFactory services, registers
 * the core.database ServiceFactory, and reads migrations from the calling bundle.
 */
package dev.backline.database.osgi;
