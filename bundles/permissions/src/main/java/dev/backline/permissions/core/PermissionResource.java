package dev.backline.permissions.core;

import java.util.ArrayList;
import java.util.List;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.UnsupportedMediaTypeError;
import dev.backline.plugin.api.permission.BasicPermission;
import dev.backline.plugin.api.permission.Permission;
import dev.backline.plugin.api.permission.PermissionAttributes;
import dev.backline.plugin.api.permission.PermissionCondition;
import dev.backline.plugin.api.permission.PermissionCriteria;
import dev.backline.plugin.api.permission.PolicyDecision;
import dev.backline.plugin.api.permission.ResourcePermission;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * {@code POST /api/permission/authorize}, Backstage's permission backend endpoint: {@code {items: [{id, permission:
 * {type, name, attributes, resourceType?}, resourceRef?}]}} in, {@code {items: [{id, result, pluginId?,
 * resourceType?, conditions?}]}} out. An item with a resourceRef gets ALLOW or DENY (conditions checked against the
 * resource); a resource permission without one may get CONDITIONAL with the conditions. A plain servlet, not a REST
 * resource: Jersey's start would make the permission plugin the slowest part of a small backend's start.
 */
public final class PermissionResource extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient PluginPermissions permissions;
    private final transient HttpAuthService httpAuth;

    PermissionResource(PluginPermissions permissions, HttpAuthService httpAuth) {
        this.permissions = permissions;
        this.httpAuth = httpAuth;
    }

    /** {@code POST /authorize}, mounted at {@code /authorize}. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedMediaTypeError("POST /api/permission/authorize takes application/json, got "
                    + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        byte[] answer = authorize(body, request).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The endpoint's work for a request of anyone's (nobody's asks for nobody): JSON in, JSON out. */
    String authorize(String body, HttpServletRequest request) {
        return authorize(body, httpAuth.credentials(request, PrincipalType.USER, PrincipalType.SERVICE, PrincipalType.NONE));
    }

    /** The endpoint's work once the caller is known: JSON in, JSON out. */
    String authorize(String body, BackstageCredentials credentials) {
        List<Item> items = parse(body);
        List<PolicyDecision> decisions = permissions.decide(items.stream()
                .map(item -> new PluginPermissions.Check(item.permission(), item.resourceRef(), true)).toList(),
                credentials);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode out = response.putArray("items");
        for (int i = 0; i < items.size(); i++) {
            ObjectNode entry = out.addObject();
            entry.put("id", items.get(i).id());
            PolicyDecision decision = decisions.get(i);
            entry.put("result", decision.result().name());
            if (decision instanceof PolicyDecision.Conditional conditional) {
                entry.put("pluginId", conditional.pluginId());
                entry.put("resourceType", conditional.resourceType());
                entry.set("conditions", criteria(conditional.conditions()));
            }
        }
        try {
            return JSON.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Permission decisions could not be written as JSON", e);
        }
    }

    /** One item of the request. */
    record Item(String id, Permission permission, String resourceRef) {
    }

    private static List<Item> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InputError("The request body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            throw new InputError("The request body must be an object with an 'items' array");
        }
        List<Item> items = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("items")) {
            items.add(item(node, index++));
        }
        return items;
    }

    private static Item item(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new InputError("Item " + index + " must be an object");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw new InputError("Item " + index + " needs an 'id' string");
        }
        String id = idNode.asText();
        JsonNode permissionNode = node.get("permission");
        if (permissionNode == null || !permissionNode.isObject()) {
            throw new InputError("Item '" + id + "' needs a 'permission' object");
        }
        String type = text(permissionNode, "type", id, "permission.type");
        String name = text(permissionNode, "name", id, "permission.name");
        PermissionAttributes attributes = attributes(permissionNode.get("attributes"), id);
        JsonNode refNode = node.get("resourceRef");
        if (refNode != null && !refNode.isNull() && (!refNode.isTextual() || refNode.asText().isBlank())) {
            throw new InputError("Item '" + id + "': resourceRef must be a non-empty string");
        }
        String resourceRef = refNode == null || refNode.isNull() ? null : refNode.asText();
        switch (type) {
            case "basic" -> {
                if (resourceRef != null) {
                    throw new InputError("Item '" + id + "': resourceRef is only for resource permissions, and '"
                            + name + "' is basic");
                }
                return new Item(id, new BasicPermission(name, attributes), null);
            }
            case "resource" -> {
                String resourceType = text(permissionNode, "resourceType", id, "permission.resourceType");
                return new Item(id, new ResourcePermission(name, resourceType, attributes), resourceRef);
            }
            default -> throw new InputError("Item '" + id + "': permission.type must be 'basic' or 'resource', not '"
                    + type + "'");
        }
    }

    private static PermissionAttributes attributes(JsonNode node, String id) {
        if (node == null || node.isNull()) {
            return PermissionAttributes.none();
        }
        if (!node.isObject()) {
            throw new InputError("Item '" + id + "': permission.attributes must be an object");
        }
        JsonNode action = node.get("action");
        if (action == null || action.isNull()) {
            return PermissionAttributes.none();
        }
        try {
            return PermissionAttributes.of(PermissionAttributes.Action.parse(action.isTextual() ? action.asText()
                    : action.toString()));
        } catch (IllegalArgumentException e) {
            throw new InputError("Item '" + id + "': permission.attributes.action: " + e.getMessage());
        }
    }

    private static String text(JsonNode parent, String field, String id, String path) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InputError("Item '" + id + "' needs a non-empty string at " + path);
        }
        return value.asText();
    }

    /** Backstage's JSON of criteria: {@code {allOf: [...]}}, {@code {anyOf: [...]}}, {@code {not: ...}}, a condition. */
    private static JsonNode criteria(PermissionCriteria<PermissionCondition> criteria) {
        return criteria.<JsonNode>fold(PermissionResource::condition,
                all -> combined("allOf", all), any -> combined("anyOf", any), negated -> {
                    ObjectNode not = JSON.createObjectNode();
                    not.set("not", negated);
                    return not;
                });
    }

    private static JsonNode combined(String key, List<JsonNode> criteria) {
        ObjectNode node = JSON.createObjectNode();
        node.putArray(key).addAll(criteria);
        return node;
    }

    private static JsonNode condition(PermissionCondition condition) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rule", condition.rule());
        node.put("resourceType", condition.resourceType());
        node.set("params", JSON.valueToTree(condition.params()));
        return node;
    }
}
