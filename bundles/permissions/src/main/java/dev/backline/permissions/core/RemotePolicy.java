package dev.backline.permissions.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionCondition;
import dev.backline.plugin.api.permission.PermissionCriteria;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.ResourcePermission;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.Config;
import dev.backline.plugin.api.services.DiscoveryService;

/**
 * The policy of another backend, asked over HTTP as Backstage's permission client asks its permission backend:
 * {@code POST <permission plugin>/authorize} with the caller's token (none for nobody's credentials). Used when
 * {@code discovery.endpoints} routes the {@code permission} plugin to another backend, so that every instance asks the
 * one policy there. Only the policy is remote: conditions about one resource are checked here, with the rules of the
 * plugin that owns it.
 */
final class RemotePolicy {

    /** How long one question to the remote policy may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() { };

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Whether {@code discovery.endpoints} routes the {@code permission} plugin to another backend. */
    static boolean configured(Config root) {
        for (Config endpoint : root.getOptionalConfigArray("discovery.endpoints").orElse(List.of())) {
            if (endpoint.getOptionalStringArray("plugins").orElse(List.of()).contains(PermissionSystem.PLUGIN_ID)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The remote policy's decisions about {@code permissions}, in order (none carries a resourceRef: conditions come
     * back to be checked here).
     *
     * @throws IOException naming the URL, when the remote policy cannot be asked or answers what cannot be read
     */
    List<PolicyDecision> decide(List<Permission> permissions, BackstageCredentials credentials, AuthService auth,
            DiscoveryService discovery) throws IOException {
        String url = discovery.getBaseUrl(PermissionSystem.PLUGIN_ID) + "/authorize";
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < permissions.size(); i++) {
            ObjectNode item = items.addObject();
            item.put("id", Integer.toString(i));
            item.set("permission", permission(permissions.get(i)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (!(credentials.principal() instanceof BackstagePrincipal.None)) {
            request.header("Authorization", "Bearer " + auth.getPluginRequestToken(credentials, PermissionSystem.PLUGIN_ID));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while asking the permission policy at " + url, e);
        } catch (IOException e) {
            throw new IOException("The permission policy at " + url + " could not be reached: " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("The permission policy at " + url + " answered " + response.statusCode());
        }
        return decisions(JSON.readTree(response.body()), permissions.size(), url);
    }

    private static JsonNode permission(Permission permission) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", permission.name());
        ObjectNode attributes = node.putObject("attributes");
        permission.attributes().action().ifPresent(action -> attributes.put("action", action.value()));
        if (permission instanceof ResourcePermission resource) {
            node.put("type", "resource");
            node.put("resourceType", resource.resourceType());
        } else {
            node.put("type", "basic");
        }
        return node;
    }

    private static List<PolicyDecision> decisions(JsonNode root, int expected, String url) throws IOException {
        Map<String, PolicyDecision> byId = new HashMap<>();
        for (JsonNode item : root.path("items")) {
            byId.put(item.path("id").asText(), decision(item, url));
        }
        List<PolicyDecision> decisions = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            PolicyDecision decision = byId.get(Integer.toString(i));
            if (decision == null) {
                throw new IOException("The permission policy at " + url + " answered no item '" + i + "'");
            }
            decisions.add(decision);
        }
        return decisions;
    }

    private static PolicyDecision decision(JsonNode item, String url) throws IOException {
        String result = item.path("result").asText();
        switch (result) {
            case "ALLOW":
                return PolicyDecision.allow();
            case "DENY":
                return PolicyDecision.deny();
            case "CONDITIONAL":
                try {
                    return new PolicyDecision.Conditional(item.path("pluginId").asText(), item.path("resourceType").asText(),
                            criteria(item.path("conditions")));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new IOException("The permission policy at " + url + " answered conditions that cannot be read: "
                            + e.getMessage(), e);
                }
            default:
                throw new IOException("The permission policy at " + url + " answered result '" + result + "' for item '"
                        + item.path("id").asText() + "'");
        }
    }

    /** Backstage's JSON of criteria, as the endpoint writes it: allOf, anyOf, not, or a condition. */
    static PermissionCriteria<PermissionCondition> criteria(JsonNode node) {
        if (node.has("allOf")) {
            return new PermissionCriteria.AllOf<>(list(node.get("allOf")));
        }
        if (node.has("anyOf")) {
            return new PermissionCriteria.AnyOf<>(list(node.get("anyOf")));
        }
        if (node.has("not")) {
            return PermissionCriteria.not(criteria(node.get("not")));
        }
        if (!node.path("rule").isTextual() || !node.path("resourceType").isTextual()) {
            throw new IllegalArgumentException("a condition needs 'rule' and 'resourceType', got " + node);
        }
        Map<String, Object> params = node.path("params").isObject() ? JSON.convertValue(node.get("params"), PARAMS) : Map.of();
        return PermissionCriteria.of(new PermissionCondition(node.get("resourceType").asText(), node.get("rule").asText(),
                params));
    }

    private static List<PermissionCriteria<PermissionCondition>> list(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("allOf and anyOf take arrays, got " + array);
        }
        List<PermissionCriteria<PermissionCondition>> criteria = new ArrayList<>();
        array.forEach(node -> criteria.add(criteria(node)));
        return criteria;
    }
}
