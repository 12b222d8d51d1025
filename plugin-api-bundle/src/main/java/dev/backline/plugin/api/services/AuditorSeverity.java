package dev.backline.plugin.api.services;

/**
 * How much an audit event matters; {@code backend.auditor.severityLogLevelMappings} maps each to a log level.
 *
 * @since 1.4
 */
public enum AuditorSeverity {
    LOW, MEDIUM, HIGH, CRITICAL
}
