package dev.backline.example.catalog;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
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

/**
 * {@code /api/catalog/entities}: GET lists the stored entities; POST validates an entity with every
 * processor the modules added and stores it when none finds a problem (400 with the problems otherwise).
 */
final class EntitiesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient CatalogStore store;
    private final transient ExtensionPointRegistrations<CatalogProcessor> processors;

    EntitiesServlet(CatalogStore store, ExtensionPointRegistrations<CatalogProcessor> processors) {
        this.store = store;
        this.processors = processors;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<Object> entities = new ArrayList<>();
        try {
            for (String body : store.all()) {
                entities.add(JSON.readValue(body, Object.class));
            }
        } catch (SQLException e) {
            throw new IOException("Reading entities failed", e);
        }
        resp.setContentType("application/json");
        JSON.writeValue(resp.getOutputStream(), Map.of("items", entities));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
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
        resp.setStatus(HttpServletResponse.SC_CREATED);
        JSON.writeValue(resp.getOutputStream(), entity);
    }
}
