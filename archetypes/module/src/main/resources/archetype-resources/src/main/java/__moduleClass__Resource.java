package ${package};

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/${pluginId}/modules/${moduleId}/status}: which module answers, for which plugin. */
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public final class ${moduleClass}Resource {

    /** What the route answers. */
    public record Status(String pluginId, String moduleId, String state) { }

    @GET
    public Status status() {
        return new Status("${pluginId}", "${moduleId}", "running");
    }
}
