package dev.backline.example.plugin;

import static dev.backline.plugin.api.services.CoreServices.*;

import java.util.List;

import org.osgi.service.component.annotations.*;
import org.osgi.service.metatype.annotations.*;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.plugin.api.*;
import dev.backline.plugin.api.services.HttpAuthPolicy;

/**
 * The example plugin: provides the {@code example.examples} extension point and serves {@link ExamplesResource}
 * under {@code /api/example}. Its options (PID {@code dev.backline.example.plugin.ExamplePlugin}) are the Java form
 * of Backstage's {@code examplePlugin({ silent: true })}; {@code config.schema.json} marks {@code example.apiToken}
 * secret.
 */
@Component(service = BackendPlugin.class)
@BacklinePlugin("example")
@Designate(ocd = ExamplePlugin.Options.class)
public final class ExamplePlugin implements BackendPlugin {

    @ObjectClassDefinition(name = "Backline example plugin")
    public @interface Options {
        @AttributeDefinition(description = "Do not log the greeting at startup")
        boolean silent() default false;
    }

    private final boolean silent;

    @Activate
    public ExamplePlugin(Options options) {
        this(options.silent());
    }

    public ExamplePlugin(boolean silent) {
        this.silent = silent;
    }

    @Override
    public void register(Registrar env) {
        var examples = env.<ExamplesExtensionPoint.Example>newRegistrations(ExamplesExtensionPoint.REF);
        env.registerExtensionPoint(ExamplesExtensionPoint.REF, examples::add);
        env.registerInit(List.of(LOGGER, HTTP_ROUTER, CONFIG, AUTH, HTTP_AUTH, DISCOVERY), deps -> {
            if (!silent) {
                deps.get(LOGGER).info("Hello from example plugin");
            }
            var router = deps.get(HTTP_ROUTER);
            router.useResources(new ExamplesResource(silent, examples, deps));
            // Reading is open to anyone; POST /examples/publish keeps the default: credentials required.
            router.addAuthPolicy(new HttpAuthPolicy("/hello", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            router.addAuthPolicy(new HttpAuthPolicy("/examples", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        });
    }
}
