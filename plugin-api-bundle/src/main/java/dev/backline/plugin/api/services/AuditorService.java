package dev.backline.plugin.api.services;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's audit trail: Backstage's {@code coreServices.auditor}. Each event is written as structured log lines
 * marked {@code isAuditEvent}: one when it is created ({@code status: initiated}) and one when it ends
 * ({@code succeeded} or {@code failed}), with the event id, its severity, the actor taken from the request's
 * credentials, the request's method and URL, and the event's metadata. The log level of each severity comes from
 * {@code backend.auditor.severityLogLevelMappings}.
 *
 * <pre>{@code
 * AuditorServiceEvent event = auditor.createEvent(AuditorEventOptions.of("entity-store")
 *         .severity(AuditorSeverity.MEDIUM).request(request).meta(Map.of("entityRef", ref)));
 * try {
 *     store.put(entity);
 *     event.success();
 * } catch (SQLException e) {
 *     event.fail(e);
 *     throw e;
 * }
 * }</pre>
 *
 * @since 1.4
 */
@ProviderType
public interface AuditorService {

    /** Writes the event as initiated and returns it, to be ended with {@code success} or {@code fail}. */
    AuditorServiceEvent createEvent(AuditorEventOptions options);
}
