package dev.backline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.backline.plugin.api.BackendModule;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.BacklinePlugin;
import dev.backline.plugin.api.ExtensionPoint;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

@BacklineTest
class TestBackendTest {

    public record Todo(String id, String title) { }

    /** A REST resource of the todo plugin: JSON in and out, NotFoundError, credentials. */
    @Path("/todos")
    @Produces("application/json")
    public static final class Todos {
        private final List<Todo> todos = new ArrayList<>();
        private final HttpAuthService httpAuth;

        Todos(HttpAuthService httpAuth) {
            this.httpAuth = httpAuth;
        }

        @GET
        public List<Todo> list() {
            return todos;
        }

        @GET
        @Path("{id}")
        public Todo one(@PathParam("id") String id) {
            return todos.stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotFoundError("No todo '" + id + "'"));
        }

        @POST
        public Map<String, Object> add(@Context HttpServletRequest request, Todo todo) {
            var caller = httpAuth.credentials(request, PrincipalType.USER).principal();
            todos.add(todo);
            return Map.of("added", todo, "by", ((BackstagePrincipal.User) caller).userEntityRef());
        }
    }

    static BackendPlugin todoPlugin() {
        return BackendPlugin.create("todo", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER, CoreServices.HTTP_AUTH),
                deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).useResources(new Todos(deps.get(CoreServices.HTTP_AUTH)));
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(new HttpAuthPolicy("/todos", HttpAuthPolicy.Allow.UNAUTHENTICATED));
                }));
    }

    @Test
    void servesRestResourcesOverRealHttpWithBackstageErrors() {
        TestBackend backend = TestBackend.start(todoPlugin());

        assertEquals("[]", backend.http().get("/api/todo/todos").body());
        TestResponse added = backend.http().as(MockCredentials.user("user:default/alice")).post("/api/todo/todos", new Todo("1", "Write tests"));
        assertEquals(200, added.status(), added.toString());
        assertEquals("user:default/alice", added.json().path("by").asText());
        assertEquals("Write tests", backend.http().get("/api/todo/todos/1").json(Todo.class).title());

        TestResponse missing = backend.http().get("/api/todo/todos/2");
        assertEquals(404, missing.status(), missing.toString());
        assertEquals("NotFoundError", missing.json().path("error").path("name").asText());
        assertEquals("No todo '2'", missing.json().path("error").path("message").asText());
        assertEquals(404, backend.http().as(MockCredentials.user()).get("/api/todo/nothing-here").status());
        assertEquals(401, backend.http().get("/api/todo/nothing-here").status(), "only /todos is open");
        assertEquals(415, backend.http().send("POST", "/api/todo/todos", "text/plain", "x").status());
        TestResponse wrongMethod = backend.http().as(MockCredentials.user()).delete("/api/todo/todos");
        assertEquals(405, wrongMethod.status(), wrongMethod.toString());
        assertEquals("MethodNotAllowedError", wrongMethod.json().path("error").path("name").asText());
        assertEquals(400, backend.http().as(MockCredentials.user()).post("/api/todo/todos", "{not json").status());
    }

    @Path("/count")
    @Produces("application/json")
    public static final class Count {
        private final int count;

        Count(int count) {
            this.count = count;
        }

        @GET
        public int count() {
            return count;
        }
    }

    @Test
    void severalResourceInstancesEachServeTheirOwnState() {
        BackendPlugin plugin = BackendPlugin.create("two", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER),
                deps -> deps.get(CoreServices.HTTP_ROUTER).useResources(new Todos(null), new Count(7))));
        TestBackend backend = TestBackend.start(plugin);
        TestHttp caller = backend.http().as(MockCredentials.user());

        assertEquals("7", caller.get("/api/two/count").body());
        assertEquals("[]", caller.get("/api/two/todos").body());
        assertTrue(backend.backend().routes().plugin("two").orElseThrow().paths().containsAll(List.of("/todos", "/todos/{id}", "/count")),
                backend.backend().routes().plugin("two").orElseThrow().paths().toString());
    }

    /** Two methods for one path and verb: a model Jersey refuses. */
    @Path("/twice")
    public static final class Ambiguous {
        @GET
        public String one() {
            return "one";
        }

        @GET
        public String two() {
            return "two";
        }
    }

    @Test
    void resourcesJerseyRefusesFailThePluginsStartNamingIt() {
        BackendPlugin plugin = BackendPlugin.create("ambiguous", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER),
                deps -> deps.get(CoreServices.HTTP_ROUTER).useResources(new Ambiguous())));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBackend.start(plugin));

        assertTrue(error.getMessage().contains("Plugin 'ambiguous' has REST resources at '/' that cannot start"), error.getMessage());
    }

    @Test
    void credentialsAreCheckedAsTheRealServicesDo() {
        TestBackend backend = TestBackend.start(todoPlugin());

        TestResponse anonymous = backend.http().post("/api/todo/todos", new Todo("1", "x"));
        assertEquals(401, anonymous.status(), anonymous.toString());
        TestResponse service = backend.http().as(MockCredentials.service("plugin:other")).post("/api/todo/todos", new Todo("1", "x"));
        assertEquals(403, service.status(), service.toString());
        TestResponse forged = backend.http().as("not-a-mock-token").post("/api/todo/todos", new Todo("1", "x"));
        assertEquals(401, forged.status(), forged.toString());
    }

    @Test
    void routesNeedCredentialsUnlessOpened() {
        BackendPlugin closed = BackendPlugin.create("closed", env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER),
                deps -> deps.get(CoreServices.HTTP_ROUTER).useResources(new Todos(null))));
        TestBackend backend = TestBackend.start(closed);

        assertEquals(401, backend.http().get("/api/closed/todos").status());
        assertEquals(200, backend.http().as(MockCredentials.service("external:ci")).get("/api/closed/todos").status());
    }

    public interface Greetings {
        ExtensionPoint<Greetings> REF = ExtensionPoint.create("greeter.greetings", Greetings.class);

        void add(String greeting);
    }

    @Test
    void aModuleWithoutItsPluginGetsAnEmptyOneAndTheGivenExtensionPoint() {
        List<String> added = new ArrayList<>();
        BackendModule module = BackendModule.create("greeter", "hello", env -> env.registerInit(List.of(Greetings.REF, CoreServices.LOGGER),
                deps -> {
                    deps.get(Greetings.REF).add("hello");
                    deps.get(CoreServices.LOGGER).info("Added hello");
                }));

        TestBackend backend = TestBackend.builder().add(module).extensionPoint(Greetings.REF, added::add).start();

        assertEquals(List.of("hello"), added);
        assertFalse(backend.logs().linesWith("plugin", "greeter").isEmpty(), backend.logs().messages().toString());
    }

    @Test
    void configComesFromAMapAndTheLogIsCaptured() {
        BackendPlugin plugin = BackendPlugin.create("greeter", env -> env.registerInit(List.of(CoreServices.CONFIG, CoreServices.LOGGER),
                deps -> deps.get(CoreServices.LOGGER).info("Greeting " + deps.get(CoreServices.CONFIG).getString("greeter.greeting"))));

        TestBackend backend = TestBackend.builder().add(plugin).config(Map.of("greeter", Map.of("greeting", "hi"))).start();
        TestBackend dotted = TestBackend.builder().add(plugin).config(Map.of("greeter.greeting", "hello")).start();

        assertTrue(backend.logs().contains("Greeting hi"), backend.logs().messages().toString());
        assertTrue(dotted.logs().contains("Greeting hello"), dotted.logs().messages().toString());
        assertEquals(backend.baseUrl() + "/api/greeter", backend.pluginService("greeter", CoreServices.DISCOVERY).getBaseUrl("greeter"));
    }

    /** A plugin class of these tests, so its schema is config.schema.json of the test classes. */
    @BacklinePlugin("checked")
    static final class CheckedPlugin implements BackendPlugin {
        @Override
        public void register(dev.backline.plugin.api.Registrar env) {
            env.registerInit(List.of(CoreServices.CONFIG, CoreServices.LOGGER), deps -> deps.get(CoreServices.LOGGER)
                    .info("Password is " + deps.get(CoreServices.CONFIG).getString("schemaCheck.password")));
        }
    }

    @Test
    void configurationIsCheckedAgainstTheFeaturesSchemaAndSecretsAreMasked() {
        BackendPlugin plugin = new CheckedPlugin();

        IllegalStateException wrongType = assertThrows(IllegalStateException.class, () -> TestBackend.builder().add(plugin)
                .config(Map.of("schemaCheck.limit", "lots", "schemaCheck.password", "hunter2")).start());
        assertTrue(wrongType.getMessage().contains("schemaCheck.limit"), wrongType.getMessage());

        TestBackend backend = TestBackend.builder().add(plugin).config(Map.of("schemaCheck.limit", 3, "schemaCheck.password", "hunter2")).start();
        assertFalse(backend.logs().messages().toString().contains("hunter2"), backend.logs().messages().toString());
        assertTrue(backend.logs().contains("Password is ***"), backend.logs().messages().toString());
    }

    @Test
    void aFailedStartNamesThePluginAndStopsTheBackend() {
        BackendPlugin broken = BackendPlugin.create("broken", env -> env.registerInit(List.of(), deps -> {
            throw new IllegalStateException("no luck");
        }));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBackend.start(broken));

        assertTrue(error.getMessage().contains("broken"), error.getMessage());
        assertTrue(error.getMessage().contains("no luck"), error.getMessage());
    }

    @Test
    void stopRunsShutdownHooksAndClosesThePort() {
        List<String> hooks = new ArrayList<>();
        BackendPlugin plugin = BackendPlugin.create("hooked", env -> env.registerInit(List.of(CoreServices.LIFECYCLE),
                deps -> deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> hooks.add("shutdown"))));
        TestBackend backend = TestBackend.start(plugin);

        backend.stop();
        backend.stop();

        assertEquals(List.of("shutdown"), hooks);
        assertThrows(RuntimeException.class, () -> backend.http().get("/.backstage/health/v1/liveness"));
    }

    @Test
    void theBackendsATestStartedAreStoppedAfterIt() {
        long mark = RunningBackends.mark();
        TestBackend backend = TestBackend.start(todoPlugin());
        assertEquals(200, backend.http().get("/api/todo/todos").status());

        RunningBackends.stopStartedSince(mark); // what @BacklineTest does after each test

        assertThrows(RuntimeException.class, () -> backend.http().get("/api/todo/todos"));
    }

    @ParameterizedTest
    @MethodSource("dev.backline.testkit.TestDatabases#all")
    void eachPluginGetsItsOwnDatabaseOnH2AndPostgres(TestDatabase database) throws Exception {
        List<String> seen = new ArrayList<>();
        BackendPlugin plugin = BackendPlugin.create("store", env -> env.registerInit(List.of(CoreServices.DATABASE), deps -> {
            try (Connection connection = deps.get(CoreServices.DATABASE).getClient().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE notes (text VARCHAR(100))");
                statement.execute("INSERT INTO notes VALUES ('kept')");
                try (ResultSet rows = statement.executeQuery("SELECT text FROM notes")) {
                    rows.next();
                    seen.add(rows.getString(1) + " on " + connection.getMetaData().getDatabaseProductName());
                }
            }
        }));

        TestBackend first = TestBackend.builder().add(plugin).database(database).start();
        first.stop();
        // A second backend gets fresh databases: the table is created again without a clash.
        TestBackend.builder().add(plugin).database(database).start().stop();

        String product = database == TestDatabase.H2 ? "H2" : "PostgreSQL";
        assertEquals(List.of("kept on " + product, "kept on " + product), seen);
    }
}
