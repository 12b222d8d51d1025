package dev.backline.example.plugin;

import static dev.backline.plugin.api.services.CoreServices.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.example.api.ExamplesExtensionPoint.Example;
import dev.backline.plugin.api.Dependencies;
import dev.backline.plugin.api.ExtensionPointRegistrations;

/**
 * {@code POST /examples/publish}: stores every example in the catalog, service to service, with a token issued on
 * the caller's behalf (a service caller's call goes on as {@code plugin:example}, within its access restrictions).
 */
@Path("/examples/publish")
@Produces("application/json")
public final class PublishRoute {

    public record Published(String name, int status, String error) { }

    /** The catalog entity of an example; records keep Backstage's field order in the JSON. */
    record Entity(String apiVersion, String kind, Metadata metadata, Spec spec) { }

    record Metadata(String name, String description) { }

    record Spec(String type, String owner, String lifecycle) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Dependencies deps;
    private final ExtensionPointRegistrations<Example> examples;

    PublishRoute(Dependencies deps, ExtensionPointRegistrations<Example> examples) {
        this.deps = deps;
        this.examples = examples;
    }

    @POST
    public Map<String, List<Published>> publish(@Context HttpServletRequest request) throws Exception {
        // The path is below the open /examples, so it checks the caller's credentials itself.
        String token = deps.get(AUTH).getPluginRequestToken(deps.get(HTTP_AUTH).credentials(request), "catalog");
        URI entities = URI.create(deps.get(DISCOVERY).getBaseUrl("catalog") + "/entities");
        List<Published> results = new ArrayList<>();
        for (Example example : examples.items()) {
            var entity = new Entity("backstage.io/v1alpha1", "Component", new Metadata(example.name(), example.description()),
                    new Spec("example", "plugin:example", "experimental"));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(entities)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(entity))).build(),
                    HttpResponse.BodyHandlers.ofString());
            results.add(new Published(example.name(), response.statusCode(), response.statusCode() < 300 ? null : response.body()));
        }
        deps.get(LOGGER).info("Published examples to the catalog", Map.of("count", results.size()));
        return Map.of("results", results);
    }
}
