package dev.backline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backline.plugin.api.ServiceFactory;
import dev.backline.plugin.api.ServiceRef;
import dev.backline.plugin.api.services.CoreServices;

class ServiceFactoryTesterTest {

    interface Greeter {
        String greet();
    }

    static final ServiceRef<Greeter> GREETER = ServiceRef.plugin("test.greeter", Greeter.class);

    interface Punctuation {
        String mark();
    }

    static final ServiceRef<Punctuation> PUNCTUATION = ServiceRef.root("test.punctuation", Punctuation.class);

    static final ServiceFactory<Punctuation> PERIOD = ServiceFactory.of(PUNCTUATION).factory(deps -> () -> ".");

    static final ServiceFactory<Greeter> GREETER_FACTORY = ServiceFactory.of(GREETER)
            .deps(CoreServices.CONFIG, CoreServices.PLUGIN_METADATA, PUNCTUATION)
            .factory(deps -> {
                String greeting = deps.get(CoreServices.CONFIG).getString("greeting");
                String plugin = deps.get(CoreServices.PLUGIN_METADATA).getId();
                String mark = deps.get(PUNCTUATION).mark();
                return () -> greeting + " " + plugin + mark;
            });

    @Test
    void givesThePluginScopedSubjectWithItsDependencies() {
        try (ServiceFactoryTester<Greeter> tester = ServiceFactoryTester.of(GREETER_FACTORY).with(PERIOD)
                .config(Map.of("greeting", "hi")).build()) {
            assertEquals("hi todo.", tester.subject("todo").greet());
            assertSame(tester.subject("todo"), tester.subject("todo"));
            assertNotSame(tester.subject("todo"), tester.subject("other"));
            assertEquals("todo", tester.service(CoreServices.PLUGIN_METADATA, "todo").getId());
        }
    }

    @Test
    void aMockDependencyIsWhatTheSubjectGets() {
        ServiceFactory<Punctuation> exclamation = ServiceFactory.of(PUNCTUATION).factory(deps -> () -> "!");
        try (ServiceFactoryTester<Greeter> tester = ServiceFactoryTester.of(GREETER_FACTORY).with(exclamation)
                .config(Map.of("greeting", "hello")).build()) {
            assertEquals("hello todo!", tester.subject("todo").greet());
        }
    }

    @Test
    void aMissingDependencyIsNamed() {
        try (ServiceFactoryTester<Greeter> tester = ServiceFactoryTester.of(GREETER_FACTORY).config(Map.of("greeting", "hi")).build()) {
            RuntimeException error = assertThrows(RuntimeException.class, () -> tester.subject("todo"));
            assertTrue(error.getMessage().contains("test.punctuation"), error.getMessage());
        }
    }

    @Test
    void askingForTheWrongScopeSaysWhichToUse() {
        try (ServiceFactoryTester<Greeter> tester = ServiceFactoryTester.of(GREETER_FACTORY).with(PERIOD).build()) {
            IllegalStateException error = assertThrows(IllegalStateException.class, tester::subject);
            assertTrue(error.getMessage().contains("test.greeter"), error.getMessage());
            assertTrue(error.getMessage().contains("subject(pluginId)"), error.getMessage());
        }
    }
}
