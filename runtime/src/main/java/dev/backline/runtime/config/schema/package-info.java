/**
 * Configuration schemas of plugins and modules: JSON Schema documents shipped in their bundles, validated
 * against each plugin's configuration when the plugin starts, and the source of the secret key paths
 * ({@code visibility: secret}) that logs and shell commands redact. Plain Java, no OSGi.
 */
package dev.backline.runtime.config.schema;
