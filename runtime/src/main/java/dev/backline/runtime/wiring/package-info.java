/**
 * The backend wiring core: registration, the service registry, the dependency graph and the
 * initializer that starts and stops plugins with their modules. Plain Java, no OSGi: the OSGi host is
 * a thin adapter over this package, and tests drive it directly.
 */
package dev.backline.runtime.wiring;
