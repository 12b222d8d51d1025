package dev.backline.example.plugin;

import static dev.backline.plugin.api.services.CoreServices.*;

import java.net.URI;
import java.net.http.*;
import java.util.*;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.*;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.example.api.ExamplesExtensionPoint.Example;
import dev.backline.plugin.api.Dependencies;
import dev.backline.plugin.api.ExtensionPointRegistrations;

/** The example plugin's routes; JSON in and out. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ExamplesResource {

    public record Hello(String message, String value, boolean silent, boolean apiTokenConfigured) { }

    public record Published(String name, int status, String error) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final boolean silent;
    private final ExtensionPointRegistrations<Example> examples;
    private final Dependencies deps;

    ExamplesResource(boolean silent, ExtensionPointRegistrations<Example> examples, Dependencies deps) {
        this.silent = silent;
        this.examples = examples;
        this.deps = deps;
    }

    @GET @Path("hello")
    public Hello hello() {
        var config = deps.get(CONFIG);
        // Only whether the token is set: it is a secret.
        return new Hello("Hello from example plugin", config.getOptionalString("example.value").orElse("(not configured)"),
                silent, config.getOptionalString("example.apiToken").isPresent());
    }

    @GET @Path("examples")
    public List<Example> examples() {
        return examples.items();
    }

    /** Registers every example in the catalog with a service token issued on the caller's behalf. */
    @POST @Path("examples/publish")
    public Map<String, List<Published>> publish(@Context HttpServletRequest request) throws Exception {
        String token = deps.get(AUTH).getPluginRequestToken(deps.get(HTTP_AUTH).credentials(request), "catalog");
        List<Published> results = new ArrayList<>();
        for (Example example : examples.items()) {
            var entity = Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component",
                    "metadata", Map.of("name", example.name(), "description", example.description()),
                    "spec", Map.of("type", "example", "owner", "plugin:example", "lifecycle", "experimental"));
            var response = client.send(HttpRequest.newBuilder(URI.create(deps.get(DISCOVERY).getBaseUrl("catalog") + "/entities"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(entity))).build(),
                    HttpResponse.BodyHandlers.ofString());
            results.add(new Published(example.name(), response.statusCode(), response.statusCode() < 300 ? null : response.body()));
        }
        deps.get(LOGGER).info("Published examples to the catalog", Map.of("count", results.size()));
        return Map.of("results", results);
    }
}
