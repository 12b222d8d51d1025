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
 * Provides {@code example.examples}; serves {@code /hello}, {@code /examples} (open), {@link PublishRoute} and
 * {@code /catalog-events}, the entities the catalog announced it stored ({@code catalog.entity.stored}). Its
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
    private final List<String> catalogEvents = new java.util.ArrayList<>();

    @Activate public ExamplePlugin(Options options) { this(options.silent()); }
    public ExamplePlugin(boolean silent) { this.silent = silent; }

    @Override public void register(Registrar env) {
        examples = env.newRegistrations(ExamplesExtensionPoint.REF);
        env.registerExtensionPoint(ExamplesExtensionPoint.REF, examples::add);
        env.registerInit(List.of(LOGGER, HTTP_ROUTER, CONFIG, AUTH, HTTP_AUTH, DISCOVERY, EVENTS), deps -> {
            if (!silent) deps.get(LOGGER).info("Hello from example plugin");
            config = deps.get(CONFIG);
            catalogEvents.clear();
            deps.get(EVENTS).subscribe(new EventsServiceSubscribeOptions("catalog-watcher", List.of("catalog.entity.stored"),
                    event -> remember(((java.util.Map<?, ?>) event.eventPayload()).get("entityRef").toString())));
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
    /** The refs of the entities the catalog stored since this plugin started, newest last (at most 100). */
    @GET @Path("catalog-events") public synchronized List<String> catalogEvents() { return List.copyOf(catalogEvents); }

    private synchronized void remember(String entityRef) {
        if (catalogEvents.size() == 100) catalogEvents.remove(0);
        catalogEvents.add(entityRef);
    }
}
