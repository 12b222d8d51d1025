package dev.backline.plugin.api.services;

import jakarta.servlet.Servlet;

import org.osgi.annotation.versioning.ProviderType;

/** Routes at the root of the HTTP server, outside any plugin. */
@ProviderType
public interface RootHttpRouterService {

    /**
     * Mounts a servlet at an absolute path.
     *
     * @throws IllegalArgumentException when the path overlaps an existing root route by prefix
     *                                  ({@code /a} and {@code /a/b}, case-insensitive), naming both
     */
    void use(String path, Servlet servlet);
}
