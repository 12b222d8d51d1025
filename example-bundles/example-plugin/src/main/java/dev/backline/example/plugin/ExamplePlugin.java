package dev.backline.example.plugin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.backline.example.api.ExamplesExtensionPoint;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.Registrar;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.ConfigService;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.DiscoveryService;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.HttpRouterService;
import dev.backline.plugin.api.services.LoggerService;

/**
 * The seed's example plugin: logs a greeting (unless {@code silent}), provides the {@code example.examples}
 * extension point and logs what modules registered. Its routes:
 * <ul>
 * <li>{@code GET /api/example/hello}: the configured {@code example.value}; open to anyone.</li>
 * <li>{@code GET /api/example/examples}: what the modules registered; open to anyone.</li>
 * <li>{@code POST /api/example/examples/publish}: registers every example in the catalog, calling the
 * catalog plugin with a service token issued on behalf of the caller; needs credentials (the default).</li>
 * </ul>
 * Its configuration schema ({@code config.schema.json} in this bundle) marks {@code example.apiToken}
 * secret. As a DS component it is the registration; its options are the component's own configuration
 * (PID {@code dev.backline.example.plugin.ExamplePlugin}), the Java form of Backstage's
 * {@code examplePlugin({ silent: true })}.
 */
@Component(service = BackendPlugin.class, property = "backline.plugin.id=example")
@Designate(ocd = ExamplePlugin.Options.class)
public final class ExamplePlugin implements BackendPlugin {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        env.registerInit(List.of(CoreServices.LOGGER, CoreServices.HTTP_ROUTER, CoreServices.CONFIG, CoreServices.AUTH,
                CoreServices.HTTP_AUTH, CoreServices.DISCOVERY), deps -> {
            LoggerService logger = deps.get(CoreServices.LOGGER);
            ConfigService config = deps.get(CoreServices.CONFIG);
            if (!silent) {
                logger.info("Hello from example plugin");
            }
            logger.info("Registered examples: " + examples.items().stream().map(ExamplesExtensionPoint.Example::name).toList());
            HttpRouterService router = deps.get(CoreServices.HTTP_ROUTER);
            router.use("/hello", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("message", "Hello from example plugin");
                    body.put("value", config.getOptionalString("example.value").orElse("(not configured)"));
                    body.put("silent", silent);
                    // Only whether it is set: the token is a secret (config.schema.json says visibility: secret).
                    body.put("apiTokenConfigured", config.getOptionalString("example.apiToken").isPresent());
                    resp.setContentType("application/json");
                    JSON.writeValue(resp.getOutputStream(), body);
                }
            });
            router.use("/examples", new ExamplesServlet(examples, deps.get(CoreServices.AUTH),
                    deps.get(CoreServices.HTTP_AUTH), deps.get(CoreServices.DISCOVERY), logger));
            // Reading is open to anyone; publishing (POST .../publish) keeps the default: credentials required.
            router.addAuthPolicy(new HttpAuthPolicy("/hello", HttpAuthPolicy.Allow.UNAUTHENTICATED));
            router.addAuthPolicy(new HttpAuthPolicy("/examples", HttpAuthPolicy.Allow.UNAUTHENTICATED));
        });
    }

    /** {@code /examples}: lists the examples; {@code POST /examples/publish} registers them in the catalog. */
    private static final class ExamplesServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

        private final transient ExtensionPointRegistrations<ExamplesExtensionPoint.Example> examples;
        private final transient AuthService auth;
        private final transient HttpAuthService httpAuth;
        private final transient DiscoveryService discovery;
        private final transient LoggerService logger;
        private final transient HttpClient client = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

        ExamplesServlet(ExtensionPointRegistrations<ExamplesExtensionPoint.Example> examples, AuthService auth,
                HttpAuthService httpAuth, DiscoveryService discovery, LoggerService logger) {
            this.examples = examples;
            this.auth = auth;
            this.httpAuth = httpAuth;
            this.discovery = discovery;
            this.logger = logger;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!isRoot(req)) {
                throw new NotFoundError("No example route GET " + req.getRequestURI());
            }
            ArrayNode list = JSON.createArrayNode();
            examples.items().forEach(e -> list.addObject().put("name", e.name()).put("description", e.description()));
            resp.setContentType("application/json");
            JSON.writeValue(resp.getOutputStream(), list);
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!"/publish".equals(req.getPathInfo())) {
                throw new NotFoundError("No example route POST " + req.getRequestURI());
            }
            // The route is open for reading, so this one checks credentials itself: a user or a service.
            BackstageCredentials caller = httpAuth.credentials(req);
            // On the caller's behalf, as in Backstage: a service caller's call goes on as this plugin's own
            // (plugin:example), within the caller's access restrictions (403 if those exclude the catalog).
            String token = auth.getPluginRequestToken(caller, "catalog");
            List<Map<String, Object>> results = new java.util.ArrayList<>();
            for (ExamplesExtensionPoint.Example example : examples.items()) {
                results.add(publish(example, token));
            }
            logger.info("Published examples to the catalog", Map.of("count", results.size()));
            resp.setContentType("application/json");
            JSON.writeValue(resp.getOutputStream(), Map.of("results", results));
        }

        private Map<String, Object> publish(ExamplesExtensionPoint.Example example, String token) throws IOException {
            ObjectNode entity = JSON.createObjectNode().put("apiVersion", "backstage.io/v1alpha1").put("kind", "Component");
            entity.putObject("metadata").put("name", example.name()).put("description", example.description());
            entity.putObject("spec").put("type", "example").put("owner", "plugin:example").put("lifecycle", "experimental");
            HttpRequest request = HttpRequest.newBuilder(URI.create(discovery.getBaseUrl("catalog") + "/entities"))
                    .timeout(CALL_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(entity)))
                    .build();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", example.name());
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                result.put("status", response.statusCode());
                if (response.statusCode() >= 300) {
                    result.put("error", response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while publishing " + example.name(), e);
            }
            return result;
        }

        private static boolean isRoot(HttpServletRequest req) {
            String pathInfo = req.getPathInfo();
            return pathInfo == null || pathInfo.equals("/");
        }
    }
}
