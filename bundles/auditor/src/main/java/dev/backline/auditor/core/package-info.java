/** {@code core.auditor} in plain Java: audit events as structured log lines of the plugin's logger. */
package dev.backline.auditor.core;
