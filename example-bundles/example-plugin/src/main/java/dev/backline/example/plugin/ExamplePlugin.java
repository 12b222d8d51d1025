package dev.backline.example.plugin;

import static dev.backline.plugin.api.services.CoreServices.*;

import java.util.List;

import jakarta.ws.rs.*;

import org.osgi.service.component.annotations.*;
import org.osgi.service.metatype.annotations.*;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.example.api.ExamplesExtensionPoint.Example;
import dev.backline.plugin.api.*;
import dev.backline.plugin.api.services.*;

/**
 * Provides {@code example.examples}; serves {@code /hello}, {@code /examples} (open) and {@link PublishRoute}. Its
 * options are Backstage's {@code examplePlugin({ silent: true })}, as the component's configuration.
 */
@Component(service = BackendPlugin.class)
@BacklinePlugin("example")
@Designate(ocd = ExamplePlugin.Options.class)
@Path("/") @Produces("application/json")
public final class ExamplePlugin implements BackendPlugin {
    @ObjectClassDefinition public @interface Options { boolean silent() default false; }
    public record Hello(String message, String value, boolean silent, boolean apiTokenConfigured) { }
    private final boolean silent;
    private ConfigService config;
    private ExtensionPointRegistrations<Example> examples;

    @Activate public ExamplePlugin(Options options) { this(options.silent()); }
    public ExamplePlugin(boolean silent) { this.silent = silent; }

    @Override public void register(Registrar env) {
        examples = env.newRegistrations(ExamplesExtensionPoint.REF);
        env.registerExtensionPoint(ExamplesExtensionPoint.REF, examples::add);
        env.registerInit(List.of(LOGGER, HTTP_ROUTER, CONFIG, AUTH, HTTP_AUTH, DISCOVERY), deps -> {
            if (!silent) deps.get(LOGGER).info("Hello from example plugin");
            config = deps.get(CONFIG);
            deps.get(HTTP_ROUTER).useResources(this, new PublishRoute(deps, examples));
            deps.get(HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/hello", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            deps.get(HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/examples", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        });
    }

    @GET @Path("hello") public Hello hello() { // whether example.apiToken is set, never its (secret) value
        return new Hello("Hello from example plugin", config.getOptionalString("example.value").orElse("(not configured)"),
                silent, config.getOptionalString("example.apiToken").isPresent());
    }
    @GET @Path("examples") public List<Example> examples() { return examples.items(); }
}
