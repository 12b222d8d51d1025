package dev.backline.runtime.http;

import jakarta.servlet.Servlet;

import dev.backline.plugin.api.services.RootHttpRouterService;

/** Mounts root routes into the route table. */
public final class RootHttpRouter implements RootHttpRouterService {

    private final RouteTable table;

    public RootHttpRouter(RouteTable table) {
        this.table = table;
    }

    @Override
    public void use(String path, Servlet servlet) {
        table.mountRoot(path, servlet);
    }
}
