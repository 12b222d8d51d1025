package dev.backline.plugin.api.services;

import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What an audit event is: its id (what happened, e.g. {@code entity-store}), its severity ({@code LOW} unless
 * given), the request that caused it (its credentials name the actor), and metadata (plain values, lists and maps).
 * Immutable; each method returns a copy.
 *
 * @since 1.4
 */
public record AuditorEventOptions(String eventId, AuditorSeverity severity, HttpServletRequest request,
        Map<String, ?> meta) {

    public AuditorEventOptions {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("An audit event needs an event id, got '" + eventId + "'");
        }
        Objects.requireNonNull(severity, "severity");
        meta = Map.copyOf(Objects.requireNonNull(meta, "meta"));
    }

    public static AuditorEventOptions of(String eventId) {
        return new AuditorEventOptions(eventId, AuditorSeverity.LOW, null, Map.of());
    }

    public AuditorEventOptions severity(AuditorSeverity value) {
        return new AuditorEventOptions(eventId, value, request, meta);
    }

    public AuditorEventOptions request(HttpServletRequest value) {
        return new AuditorEventOptions(eventId, severity, value, meta);
    }

    public AuditorEventOptions meta(Map<String, ?> value) {
        return new AuditorEventOptions(eventId, severity, request, value);
    }
}
