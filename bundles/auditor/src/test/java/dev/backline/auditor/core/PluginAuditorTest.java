package dev.backline.auditor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.services.AuditorEventOptions;
import dev.backline.plugin.api.services.AuditorServiceEvent;
import dev.backline.plugin.api.services.AuditorSeverity;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.ConfigException;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.LogLevel;
import dev.backline.runtime.config.ConfigReader;
import dev.backline.runtime.logging.CapturingLogger;
import dev.backline.runtime.logging.LogLine;

class PluginAuditorTest {

    private final CapturingLogger logs = new CapturingLogger(LogLevel.DEBUG);

    private PluginAuditor auditor(HttpAuthService httpAuth, Map<String, ?> mappings) {
        return new PluginAuditor(logs.child(Map.of("plugin", "catalog")), httpAuth, SeverityLevels.from(ConfigReader.of(
                Map.of("backend", Map.of("auditor", Map.of("severityLogLevelMappings", mappings))))));
    }

    private static HttpAuthService as(BackstagePrincipal principal) {
        return (request, allow) -> new BackstageCredentials() {
            @Override
            public BackstagePrincipal principal() {
                return principal;
            }

            @Override
            public Optional<Instant> expiresAt() {
                return Optional.empty();
            }
        };
    }

    /** A request as a servlet container gives it, with the few methods the auditor reads. */
    private static HttpServletRequest request(String method, String uri, String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(PluginAuditorTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getRemoteAddr" -> "10.0.0.7";
                    case "getServerName" -> "backstage.example.com";
                    case "getHeader" -> "User-Agent".equals(args[0]) ? "curl/8" : null;
                    default -> null;
                });
    }

    @Test
    void anEventIsWrittenWhenCreatedAndWhenItEndsWithTheActorAndRequest() {
        AuditorServiceEvent event = auditor(as(new BackstagePrincipal.User("user:default/jane")), Map.of()).createEvent(
                AuditorEventOptions.of("entity-store").severity(AuditorSeverity.MEDIUM)
                        .request(request("POST", "/api/catalog/entities", "dryRun=false")).meta(Map.of("entityRef", "component:a")));
        event.success(Map.of("created", true));
        event.success(); // ended already: ignored

        List<LogLine> lines = logs.linesWith("isAuditEvent", true);
        assertEquals(2, lines.size(), lines.toString());
        LogLine initiated = lines.get(0);
        assertEquals(LogLevel.INFO, initiated.level(), "medium is info by default");
        assertEquals("Audit event entity-store initiated", initiated.message());
        assertEquals("catalog", initiated.fields().get("plugin"));
        assertEquals("entity-store", initiated.fields().get("eventId"));
        assertEquals("medium", initiated.fields().get("severityLevel"));
        assertEquals("initiated", initiated.fields().get("status"));
        assertEquals(Map.of("actorId", "user:default/jane", "ip", "10.0.0.7", "hostname", "backstage.example.com",
                "userAgent", "curl/8"), initiated.fields().get("actor"));
        assertEquals(Map.of("method", "POST", "url", "/api/catalog/entities?dryRun=false"), initiated.fields().get("request"));
        assertEquals(Map.of("entityRef", "component:a"), initiated.fields().get("meta"));
        LogLine succeeded = lines.get(1);
        assertEquals("succeeded", succeeded.fields().get("status"));
        assertEquals(Map.of("entityRef", "component:a", "created", true), succeeded.fields().get("meta"));
    }

    @Test
    void aFailureCarriesTheErrorAndServicesAndAnonymousCallersAreActorsToo() {
        AuditorServiceEvent event = auditor(as(new BackstagePrincipal.Service("plugin:search")), Map.of())
                .createEvent(AuditorEventOptions.of("entity-delete").severity(AuditorSeverity.HIGH)
                        .request(request("DELETE", "/api/catalog/entities/a", null)));
        event.fail(new SQLException("disk full"));
        LogLine failed = logs.linesWith("status", "failed").get(0);
        assertEquals("disk full", failed.error().getMessage());
        assertEquals("plugin:search", ((Map<?, ?>) failed.fields().get("actor")).get("actorId"));

        HttpAuthService refusing = (request, allow) -> {
            throw new AuthenticationError("Invalid token");
        };
        auditor(refusing, Map.of()).createEvent(AuditorEventOptions.of("read").request(request("GET", "/x", null)));
        Map<?, ?> anonymous = (Map<?, ?>) logs.linesWith("eventId", "read").get(0).fields().get("actor");
        assertTrue(!anonymous.containsKey("actorId") && "10.0.0.7".equals(anonymous.get("ip")), anonymous.toString());
        // no request, no actor
        auditor(refusing, Map.of()).createEvent(AuditorEventOptions.of("nightly-cleanup"));
        assertTrue(!logs.linesWith("eventId", "nightly-cleanup").get(0).fields().containsKey("actor"));
    }

    @Test
    void severitiesMapToTheConfiguredLevels() {
        PluginAuditor configured = auditor(as(new BackstagePrincipal.None()), Map.of("low", "info", "critical", "error"));
        configured.createEvent(AuditorEventOptions.of("low-one"));
        configured.createEvent(AuditorEventOptions.of("critical-one").severity(AuditorSeverity.CRITICAL));
        assertEquals(LogLevel.INFO, logs.linesWith("eventId", "low-one").get(0).level());
        assertEquals(LogLevel.ERROR, logs.linesWith("eventId", "critical-one").get(0).level());

        auditor(as(new BackstagePrincipal.None()), Map.of()).createEvent(AuditorEventOptions.of("default-low"));
        assertEquals(LogLevel.DEBUG, logs.linesWith("eventId", "default-low").get(0).level());

        ConfigException severity = assertThrows(ConfigException.class, () -> auditor(as(new BackstagePrincipal.None()),
                Map.of("urgent", "info")));
        assertEquals("backend.auditor.severityLogLevelMappings.urgent", severity.keyPath());
        ConfigException level = assertThrows(ConfigException.class, () -> auditor(as(new BackstagePrincipal.None()),
                Map.of("high", "loud")));
        assertTrue(level.getMessage().contains("Unknown log level 'loud'"), level.getMessage());
    }
}
