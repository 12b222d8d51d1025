package ${package};

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import ${package}.api.${pluginClass}ExtensionPoint;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.NotFoundError;

/**
 * {@code /api/${pluginId}/items}: GET lists the stored items and those modules contributed, POST stores one
 * ({@code {"title": "..."}}, 201), GET {@code /items/<id>} reads one (404 when there is none). JSON in and out.
 */
@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
public final class ${pluginClass}Resource {

    /** An item as the routes show it; contributed ones have no id. */
    public record Item(Long id, String title) { }

    /** What POST takes. */
    public record NewItem(String title) { }

    private final DataSource database;
    private final ExtensionPointRegistrations<${pluginClass}ExtensionPoint.Item> contributed;
    private final int maxTitleLength;

    ${pluginClass}Resource(DataSource database, ExtensionPointRegistrations<${pluginClass}ExtensionPoint.Item> contributed,
            int maxTitleLength) {
        this.database = database;
        this.contributed = contributed;
        this.maxTitleLength = maxTitleLength;
    }

    @GET
    public List<Item> list() throws SQLException {
        List<Item> items = new ArrayList<>();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, title FROM items ORDER BY id")) {
            while (rows.next()) {
                items.add(new Item(rows.getLong(1), rows.getString(2)));
            }
        }
        contributed.items().forEach(item -> items.add(new Item(null, item.title())));
        return items;
    }

    @GET
    @Path("{id}")
    public Item one(@PathParam("id") long id) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT id, title FROM items WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new NotFoundError("No item " + id);
                }
                return new Item(rows.getLong(1), rows.getString(2));
            }
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewItem item) throws SQLException {
        if (item == null || item.title() == null || item.title().isBlank()) {
            throw new InputError("An item needs a title");
        }
        if (item.title().length() > maxTitleLength) {
            throw new InputError("A title has at most " + maxTitleLength + " characters (${pluginId}.maxTitleLength)");
        }
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO items (title) VALUES (?)",
                        new String[] {"id"})) {
            insert.setString(1, item.title());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return Response.status(Response.Status.CREATED).entity(new Item(keys.getLong(1), item.title())).build();
            }
        }
    }
}
