package dev.backline.auditor.core;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;

import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.services.AuditorEventOptions;
import dev.backline.plugin.api.services.AuditorService;
import dev.backline.plugin.api.services.AuditorServiceEvent;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * One plugin's {@code core.auditor}: audit events as log lines of the plugin's logger (so they carry
 * {@code plugin=<id>}), with the fields Backstage's auditor writes: {@code isAuditEvent}, {@code eventId},
 * {@code severityLevel}, {@code status}, {@code actor}, {@code request}, {@code meta}; a failure is the line's error.
 */
final class PluginAuditor implements AuditorService {

    private final LoggerService logger;
    private final HttpAuthService httpAuth;
    private final SeverityLevels levels;

    PluginAuditor(LoggerService logger, HttpAuthService httpAuth, SeverityLevels levels) {
        this.logger = logger;
        this.httpAuth = httpAuth;
        this.levels = levels;
    }

    @Override
    public AuditorServiceEvent createEvent(AuditorEventOptions options) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("isAuditEvent", true);
        fields.put("eventId", options.eventId());
        fields.put("severityLevel", options.severity().name().toLowerCase(Locale.ROOT));
        if (options.request() != null) {
            fields.put("actor", actor(options.request()));
            fields.put("request", Map.of("method", options.request().getMethod(), "url", url(options.request())));
        }
        write(options, fields, "initiated", options.meta(), null);
        AtomicBoolean ended = new AtomicBoolean();
        return new AuditorServiceEvent() {
            @Override
            public void success(Map<String, ?> meta) {
                if (ended.compareAndSet(false, true)) {
                    write(options, fields, "succeeded", merged(options.meta(), meta), null);
                }
            }

            @Override
            public void fail(Throwable error, Map<String, ?> meta) {
                if (ended.compareAndSet(false, true)) {
                    write(options, fields, "failed", merged(options.meta(), meta), error);
                }
            }
        };
    }

    private void write(AuditorEventOptions options, Map<String, Object> common, String status, Map<String, ?> meta,
            Throwable error) {
        Map<String, Object> fields = new LinkedHashMap<>(common);
        fields.put("status", status);
        if (!meta.isEmpty()) {
            fields.put("meta", meta);
        }
        // The failure is the line's error: in the JSON format, "error" with its name, message and stack.
        logger.log(levels.of(options.severity()), "Audit event " + options.eventId() + " " + status, fields, error);
    }

    /** Who made the request, as its credentials say; an id only when it carried any. */
    private Map<String, Object> actor(HttpServletRequest request) {
        Map<String, Object> actor = new LinkedHashMap<>();
        try {
            BackstageCredentials credentials = httpAuth.credentials(request, PrincipalType.USER, PrincipalType.SERVICE,
                    PrincipalType.NONE);
            BackstagePrincipal principal = credentials.principal();
            if (principal instanceof BackstagePrincipal.User user) {
                actor.put("actorId", user.userEntityRef());
            } else if (principal instanceof BackstagePrincipal.Service service) {
                actor.put("actorId", service.subject());
            }
        } catch (BackendError refused) {
            // credentials the barrier let through but cannot name: the actor stays anonymous
        }
        actor.put("ip", request.getRemoteAddr());
        actor.put("hostname", request.getServerName());
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null) {
            actor.put("userAgent", userAgent);
        }
        return actor;
    }

    private static String url(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    private static Map<String, ?> merged(Map<String, ?> first, Map<String, ?> second) {
        if (second == null || second.isEmpty()) {
            return first;
        }
        Map<String, Object> merged = new LinkedHashMap<>(first);
        merged.putAll(second);
        return merged;
    }
}
