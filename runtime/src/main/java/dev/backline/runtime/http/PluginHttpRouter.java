package dev.backline.runtime.http;

import jakarta.servlet.Servlet;

import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpRouterService;

/** A plugin's router: mounts into that plugin's routes, under {@code /api/<pluginId>}. */
public final class PluginHttpRouter implements HttpRouterService {

    private final PluginRoutes routes;

    public PluginHttpRouter(PluginRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void use(String path, Servlet servlet) {
        routes.mount(path, servlet);
    }

    @Override
    public void useResources(String path, Object... resources) {
        routes.mountResources(path, RestResources.servlet("plugin '" + routes.pluginId() + "'", resources), RestResources.paths(resources));
    }

    @Override
    public void addAuthPolicy(HttpAuthPolicy policy) {
        routes.addAuthPolicy(policy);
    }
}
