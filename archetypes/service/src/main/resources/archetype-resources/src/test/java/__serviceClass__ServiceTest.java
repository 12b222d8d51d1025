package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ${package}.api.${serviceClass}Service;
import ${package}.internal.${serviceClass}ServiceFactory;
import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;
import dev.backline.testkit.BacklineTest;
import dev.backline.testkit.ServiceFactoryTester;
import dev.backline.testkit.TestBackend;

@BacklineTest
class ${serviceClass}ServiceTest {

    @Test
    void eachPluginGetsItsOwnConfiguredInstance() {
        try (ServiceFactoryTester<${serviceClass}Service> tester = ServiceFactoryTester.of(${serviceClass}ServiceFactory.create())
                .config(Map.of("${serviceId}.greeting", "Hi")).build()) {
            assertEquals("Hi, Ada (from todo)", tester.subject("todo").greet("Ada"));
            assertEquals("Hi, Ada (from catalog)", tester.subject("catalog").greet("Ada"));
        }
    }

    @Test
    void aPluginThatDependsOnItGetsIt() {
        BackendPlugin plugin = BackendPlugin.create("todo", env -> env.registerInit(
                List.of(${serviceClass}Service.REF, CoreServices.LOGGER),
                deps -> deps.get(CoreServices.LOGGER).info(deps.get(${serviceClass}Service.REF).greet("world"))));

        TestBackend backend = TestBackend.builder().add(plugin).add(${serviceClass}ServiceFactory.create()).start();

        assertTrue(backend.logs().contains("Hello, world (from todo)"), backend.logs().messages().toString());
    }
}
