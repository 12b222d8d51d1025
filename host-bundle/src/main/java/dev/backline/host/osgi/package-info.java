/**
 * The OSGi host: a thin adapter that feeds plugins, modules and service factories registered as OSGi
 * services into the wiring core, restarts only the plugin a bundle change touches, serves HTTP through
 * the Jakarta servlet whiteboard and overlays per-plugin ConfigAdmin configuration.
 */
package dev.backline.host.osgi;
