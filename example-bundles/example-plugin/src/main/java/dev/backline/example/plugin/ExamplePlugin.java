package dev.backline.example.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.services.ConfigService;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The seed's example plugin: logs a greeting (unless {@code silent}), provides the {@code example.examples}
 * extension point and logs what modules registered, serves {@code /api/example/hello} with the configured
 * {@code example.value} and {@code /api/example/examples}. Its configuration schema
 * ({@code config.schema.json} in this bundle) marks {@code example.apiToken} secret. As a DS component it
 * is the registration; its options are
 * the component's own configuration (PID {@code dev.backline.example.plugin.ExamplePlugin}), the Java
 * form of Backstage's {@code examplePlugin({ silent: true })}.
 */
@Component(service = BackendPlugin.class, property = "backline.plugin.id=example")
@Designate(ocd = ExamplePlugin.Options.class)
public final class ExamplePlugin implements BackendPlugin {

    /** The plugin's options. */
    @ObjectClassDefinition(name = "Backline example plugin", description = "Options of the example plugin")
    public @interface Options {
        @AttributeDefinition(description = "Do not log the greeting at startup")
        boolean silent() default false;
    }

    private final boolean silent;

    @Activate
    public ExamplePlugin(Options options) {
        this.silent = options.silent();
    }

    /** For embedding without OSGi: {@code new ExamplePlugin(true)} is {@code examplePlugin({ silent: true })}. */
    public ExamplePlugin(boolean silent) {
        this.silent = silent;
    }

    @Override
    public String pluginId() {
        return "example";
    }

    @Override
    public void register(Registrar env) {
        ExtensionPointRegistrations<ExamplesExtensionPoint.Example> examples = env.newRegistrations(ExamplesExtensionPoint.REF);
        env.registerExtensionPoint(ExamplesExtensionPoint.REF, examples::add);
        env.registerInit(List.of(CoreServices.LOGGER, CoreServices.HTTP_ROUTER, CoreServices.CONFIG), deps -> {
            LoggerService logger = deps.get(CoreServices.LOGGER);
            ConfigService config = deps.get(CoreServices.CONFIG);
            if (!silent) {
                logger.info("Hello from example plugin");
            }
            logger.info("Registered examples: " + examples.items().stream().map(ExamplesExtensionPoint.Example::name).toList());
            deps.get(CoreServices.HTTP_ROUTER).use("/examples", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    resp.setContentType("application/json");
                    resp.getOutputStream().write(examples.items().stream()
                            .map(e -> "{\"name\":\"" + e.name() + "\",\"description\":\"" + e.description() + "\"}")
                            .collect(java.util.stream.Collectors.joining(",", "[", "]"))
                            .getBytes(StandardCharsets.UTF_8));
                }
            });
            deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/hello", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            deps.get(CoreServices.HTTP_ROUTER).use("/hello", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    String value = config.getOptionalString("example.value").orElse("(not configured)");
                    // Only whether it is set: the token is a secret (config.schema.json says visibility: secret).
                    boolean tokenConfigured = config.getOptionalString("example.apiToken").isPresent();
                    resp.setContentType("application/json");
                    resp.getOutputStream().write(("{\"message\":\"Hello from example plugin\",\"value\":\""
                            + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"silent\":" + silent
                            + ",\"apiTokenConfigured\":" + tokenConfigured + "}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            });
        });
    }
}
