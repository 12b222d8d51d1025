package dev.backline.itest.launch.bundles;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;

/**
 * A plugin bundle that launched-jar tests drop into deploy/: plugin 'hooks' answers {@code /api/hooks/ping}
 * and logs from its shutdown hook, so a test can see that a stop ran the plugin's hooks.
 */
public final class HookPluginActivator implements BundleActivator {

    public static final String SHUTDOWN_LINE = "Shutdown hook of plugin 'hooks' ran";

    @Override
    public void start(BundleContext context) {
        context.registerService(BackendPlugin.class, BackendPlugin.create("hooks", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER, CoreServices.LIFECYCLE, CoreServices.LOGGER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/ping", new PingServlet());
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/ping", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                    deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> deps.get(CoreServices.LOGGER).info(SHUTDOWN_LINE));
                })), null);
    }

    @Override
    public void stop(BundleContext context) {
    }

    /** Answers 200 with a small JSON body. */
    public static final class PingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().write("{\"pong\":true}");
        }
    }
}
