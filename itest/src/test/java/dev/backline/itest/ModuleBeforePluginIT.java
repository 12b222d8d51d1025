package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * A module that is there before its plugin: with the example plugin's bundle stopped, the add-example
 * module waits; when the plugin arrives it starts with the module.
 *
 * <p>While the plugin is away {@code /api/example/hello} answers <b>404</b> NotFoundError "No plugin
 * 'example' is installed", not 503: the plugin's removal restarts 'example'; the restart finds no plugin
 * but a module, so the initializer puts the plugin in state WAITING, and the route table drops the
 * plugin's routes on WAITING ({@code RouteTable.pluginStateChanged}), so the dispatcher no longer knows
 * the plugin. (For at most the restart coalescing period plus the drain, the old routes may still answer
 * 200 or hold requests; the test waits past that.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleBeforePluginIT extends BacklineTestSupport {

    @After
    public void restorePlugin() {
        restoreBundle(BacklineOptions.EXAMPLE_PLUGIN);
        awaitExamples("hello");
    }

    @Test
    public void moduleWaitsForItsPluginAndStartsWithIt() throws Exception {
        Bundle plugin = bundle(BacklineOptions.EXAMPLE_PLUGIN);
        assertEquals(Bundle.ACTIVE, bundle(BacklineOptions.EXAMPLE_MODULE).getState());

        plugin.stop();
        Http.Response gone = Await.get("GET " + HELLO + " to answer 404 once the plugin is gone", HELLO,
                r -> r.status() == 404);
        assertEquals(gone.toString(), "NotFoundError", gone.json().path("error").path("name").asText());
        assertEquals(gone.toString(), "No plugin 'example' is installed", gone.json().path("error").path("message").asText());
        Http.Response examples = Http.get(EXAMPLES);
        assertEquals(examples.toString(), 404, examples.status());
        // The module's bundle is untouched; only the backend's view changed. Other plugins serve on.
        assertEquals(Bundle.ACTIVE, bundle(BacklineOptions.EXAMPLE_MODULE).getState());
        Http.Response readiness = Http.get(Http.READINESS);
        assertEquals(readiness.toString(), 200, readiness.status());
        Http.Response processors = Http.get(PROCESSORS);
        assertEquals(processors.toString(), 200, processors.status());

        plugin.start();
        awaitHelloValue(CONFIGURED_VALUE);
        awaitExamples("hello");
    }

    @Test
    public void aModuleOfAnAbsentPluginIsNotActivatedUntilThePluginArrives() throws Exception {
        java.util.concurrent.atomic.AtomicInteger activations = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger inits = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("backline.plugin.id", "later");
        properties.put("backline.module.id", "early");
        // A service factory stands in for a delayed DS component: getService is its activation.
        org.osgi.framework.ServiceRegistration<?> module = context.registerService(
                dev.backline.plugin.api.BackendModule.class.getName(),
                new org.osgi.framework.ServiceFactory<dev.backline.plugin.api.BackendModule>() {
                    @Override
                    public dev.backline.plugin.api.BackendModule getService(Bundle bundle,
                            org.osgi.framework.ServiceRegistration<dev.backline.plugin.api.BackendModule> registration) {
                        activations.incrementAndGet();
                        return dev.backline.plugin.api.BackendModule.create("later", "early",
                                env -> env.registerInit(java.util.List.of(), deps -> inits.incrementAndGet()));
                    }

                    @Override
                    public void ungetService(Bundle bundle,
                            org.osgi.framework.ServiceRegistration<dev.backline.plugin.api.BackendModule> registration,
                            dev.backline.plugin.api.BackendModule service) {
                    }
                }, properties);
        org.osgi.framework.ServiceRegistration<?> plugin = null;
        try {
            awaitHostIdle();
            assertEquals("activations while plugin 'later' is absent", 0, activations.get());
            String plugins = Shell.run(context, "backline:plugins");
            assertTrue(plugins, plugins.lines().anyMatch(line -> line.matches("later\\s+waiting\\s+early\\s+.*")
                    && line.contains("plugin 'later' is not installed")));
            String modules = Shell.run(context, "backline:modules later");
            assertTrue(modules, modules.lines().anyMatch(line -> line.matches("later\\s+early\\s+waiting\\s+.*")));

            plugin = context.registerService(dev.backline.plugin.api.BackendPlugin.class,
                    dev.backline.plugin.api.BackendPlugin.create("later",
                            env -> env.registerInit(java.util.List.of(), deps -> { })), null);
            Await.until("the waiting module to start with its plugin", inits::get, n -> n == 1);
            assertEquals(1, activations.get());
        } finally {
            module.unregister();
            if (plugin != null) {
                plugin.unregister();
            }
            awaitHostIdle();
        }
    }
}
