/**
 * Default implementations of the core services that need no container, and the factories that
 * provide them to a backend.
 */
package dev.backline.runtime.services;
