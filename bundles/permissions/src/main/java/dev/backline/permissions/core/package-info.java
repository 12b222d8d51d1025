/**
 * {@code core.permissions}, {@code core.permissionsRegistry} and the {@code permission} plugin in plain Java: the
 * registrations of every plugin, the policy in force, and the evaluation of its decisions.
 */
package dev.backline.permissions.core;
