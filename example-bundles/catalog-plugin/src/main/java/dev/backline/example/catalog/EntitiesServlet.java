package dev.backline.example.catalog;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.UnsupportedMediaTypeError;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * {@code /api/catalog/entities}: GET lists the stored entities a page at a time ({@code ?limit=&offset=}),
 * open to anyone; POST needs a user's or a service's credentials and a JSON body, validates the entity with
 * every processor the modules added and stores it when none finds a problem (400 with the problems otherwise).
 */
final class EntitiesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The page size when none is asked for, and the largest one given. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final transient CatalogStore store;
    private final transient ExtensionPointRegistrations<CatalogProcessor> processors;
    private final transient HttpAuthService httpAuth;
    private final transient LoggerService logger;

    EntitiesServlet(CatalogStore store, ExtensionPointRegistrations<CatalogProcessor> processors, HttpAuthService httpAuth,
            LoggerService logger) {
        this.store = store;
        this.processors = processors;
        this.httpAuth = httpAuth;
        this.logger = logger;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int limit = Math.min(intParameter(req, "limit", DEFAULT_LIMIT), MAX_LIMIT);
        int offset = intParameter(req, "offset", 0);
        List<Object> entities = new ArrayList<>();
        int total;
        try {
            for (String body : store.page(limit, offset)) {
                entities.add(JSON.readValue(body, Object.class));
            }
            total = store.count();
        } catch (SQLException e) {
            throw new IOException("Reading entities failed", e);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", entities);
        page.put("totalItems", total);
        page.put("offset", offset);
        page.put("limit", limit);
        resp.setContentType("application/json");
        JSON.writeValue(resp.getOutputStream(), page);
    }

    private static int intParameter(HttpServletRequest req, String name, int fallback) {
        String value = req.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InputError("Query parameter '" + name + "' must be a whole number of 0 or more, got '" + value + "'");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // The path is open for reading; writing needs credentials, checked here.
        BackstageCredentials caller = httpAuth.credentials(req, PrincipalType.USER, PrincipalType.SERVICE);
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // text/plain is what a web page can post without a CORS preflight: never take it as JSON.
            throw new UnsupportedMediaTypeError("Entities are posted as application/json, not " + contentType);
        }
        Map<String, Object> entity;
        try {
            entity = JSON.readValue(req.getInputStream(), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new InputError("The body is not a JSON object: " + e.getOriginalMessage());
        }
        // The catalog's own checks first, then every processor's; the same problem is reported once.
        Set<String> problems = new LinkedHashSet<>();
        Object kind = entity.get("kind");
        if (kind == null) {
            problems.add("kind is required");
        }
        Object name = entity.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        if (name == null) {
            problems.add("metadata.name is required");
        }
        for (CatalogProcessor processor : processors.items()) {
            problems.addAll(processor.validate(entity));
        }
        resp.setContentType("application/json");
        if (!problems.isEmpty()) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            JSON.writeValue(resp.getOutputStream(), Map.of("problems", problems));
            return;
        }
        try {
            store.put(kind.toString(), name.toString(), JSON.writeValueAsString(entity));
        } catch (SQLException e) {
            throw new IOException("Storing entity " + kind + ":" + name + " failed", e);
        }
        logger.info("Stored entity " + kind + ":" + name, Map.of("by", describe(caller)));
        resp.setStatus(HttpServletResponse.SC_CREATED);
        JSON.writeValue(resp.getOutputStream(), entity);
    }

    private static String describe(BackstageCredentials credentials) {
        return credentials.principal() instanceof BackstagePrincipal.Service service ? service.subject()
                : credentials.principal() instanceof BackstagePrincipal.User user ? user.userEntityRef() : "nobody";
    }
}
