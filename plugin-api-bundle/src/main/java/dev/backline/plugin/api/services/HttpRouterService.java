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

    /** Opens a path to callers that would otherwise be refused (every route needs credentials by default). */
    void addAuthPolicy(HttpAuthPolicy policy);
}
