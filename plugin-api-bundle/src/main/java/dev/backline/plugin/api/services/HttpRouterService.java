package dev.backline.plugin.api.services;

import jakarta.servlet.Servlet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin's HTTP routes, mounted under {@code /api/<pluginId>}. A module shares its plugin's router
 * and by convention mounts under {@code /modules/<moduleId>/}.
 */
@ProviderType
public interface HttpRouterService {

    /**
     * Mounts a servlet at {@code path}, relative to the plugin's mount; it receives every request at
     * or below that path. Within the servlet, {@code getServletPath()} is the mount and
     * {@code getPathInfo()} the rest.
     */
    void use(String path, Servlet servlet);

    /** Mounts a servlet at the plugin's root. */
    default void use(Servlet servlet) {
        use("/", servlet);
    }

    /**
     * Mounts Jakarta REST resources at {@code path}, relative to the plugin's mount: instances of classes
     * annotated {@code @Path} (one shared instance, which can hold the services the plugin's init received),
     * classes (one instance per request), and providers such as exception mappers. Request and response
     * bodies of other types than {@code String}, {@code byte[]} and streams are JSON, through Jackson. A
     * {@link dev.backline.plugin.api.errors.BackendError} thrown by a resource method becomes the Backstage
     * JSON error with its status; anything else is a 500 whose text stays in the log. The plugin's gate,
     * auth policies and body limits apply as for any route.
     *
     * @throws IllegalArgumentException when nothing is passed or the path is already mounted
     */
    void useResources(String path, Object... resources);

    /** Mounts Jakarta REST resources at the plugin's root: {@code @Path("/todos")} serves {@code /api/<id>/todos}. */
    default void useResources(Object... resources) {
        useResources("/", resources);
    }

    /** Opens a path to callers that would otherwise be refused (every route needs credentials by default). */
    void addAuthPolicy(HttpAuthPolicy policy);
}
