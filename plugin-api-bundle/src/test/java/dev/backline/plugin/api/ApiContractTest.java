package dev.backline.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.errors.BackendError;
import dev.backline.plugin.api.errors.ConflictError;
import dev.backline.plugin.api.errors.InputError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.errors.NotFoundError;
import dev.backline.plugin.api.errors.NotImplementedError;
import dev.backline.plugin.api.errors.NotModifiedError;
import dev.backline.plugin.api.errors.ServiceUnavailableError;

class ApiContractTest {

    private static final ServiceRef<String> ROOT = ServiceRef.root("test.root", String.class);
    private static final ServiceRef<String> PLUGIN = ServiceRef.plugin("test.plugin", String.class);

    @Test
    void rootFactoriesAreEagerAndPluginFactoriesLazyUnlessSaidOtherwise() {
        assertEquals(ServiceFactory.Initialization.ALWAYS, ServiceFactory.of(ROOT).factory(d -> "r").initialization());
        assertEquals(ServiceFactory.Initialization.LAZY, ServiceFactory.of(PLUGIN).factory(d -> "p").initialization());
        assertEquals(ServiceFactory.Initialization.ALWAYS, ServiceFactory.of(PLUGIN)
                .initialization(ServiceFactory.Initialization.ALWAYS).factory(d -> "p").initialization());
        assertEquals(ServiceFactory.Initialization.LAZY, ServiceFactory.of(ROOT)
                .initialization(ServiceFactory.Initialization.LAZY).factory(d -> "r").initialization());
    }

    @Test
    void onlyPluginScopedFactoriesHaveARootContext() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServiceFactory.of(ROOT).rootContext(d -> "ctx"));
        assertTrue(error.getMessage().contains("'test.root'"), error.getMessage());
        ServiceFactory<String> withContext = ServiceFactory.of(PLUGIN).rootContext(d -> "ctx").factory((d, ctx) -> ctx + "!");
        assertTrue(withContext.hasRootContext());
    }

    @Test
    void serviceRefsDefaultToPluginScopeSingleton() {
        ServiceRef<String> ref = ServiceRef.builder("x", String.class).build();
        assertEquals(ServiceScope.PLUGIN, ref.scope());
        assertEquals(false, ref.multiton());
        assertTrue(ref.defaultFactory().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ServiceRef.plugin(" ", String.class));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPoint.create("", String.class));
    }

    @Test
    void refDefaultFactoriesReceiveTheirRef() {
        ServiceRef<String> ref = ServiceRef.builder("with.default", String.class)
                .defaultFactory(self -> ServiceFactory.of(self).factory(d -> "from default")).build();
        assertEquals("with.default", ref.defaultFactory().orElseThrow().service().id());
    }

    @Test
    void errorsMapToTheirHttpStatusesAndAnythingElseTo500() {
        List<BackendError> errors = List.of(new InputError("x"), new AuthenticationError("x"), new NotAllowedError("x"),
                new NotFoundError("x"), new ConflictError("x"), new NotModifiedError("x"), new NotImplementedError("x"),
                new ServiceUnavailableError("x"));
        assertEquals(List.of(400, 401, 403, 404, 409, 304, 501, 503),
                errors.stream().map(BackendError::statusCodeOf).toList());
        assertEquals(List.of("InputError", "AuthenticationError", "NotAllowedError", "NotFoundError", "ConflictError",
                "NotModifiedError", "NotImplementedError", "ServiceUnavailableError"),
                errors.stream().map(BackendError::nameOf).toList());
        assertEquals(500, BackendError.statusCodeOf(new IllegalStateException("boom")));
        assertEquals("IllegalStateException", BackendError.nameOf(new IllegalStateException("boom")));
    }

    @Test
    void inlineFeaturesValidateTheirIdsAndDescribeThemselves() {
        BackendModule module = BackendModule.create("catalog", "github-provider", env -> { });
        assertEquals("module 'github-provider' for plugin 'catalog'", module.toString());
        assertThrows(IllegalArgumentException.class, () -> BackendModule.create("bad id", "m", env -> { }));
    }
}
