/**
 * {@code core.events} in plain Java: the per-plugin service over an {@link dev.backline.events.core.EventBus}, the
 * {@code events} plugin's HTTP ingress, and the PostgreSQL relay that shares events between instances.
 */
package dev.backline.events.core;
