package dev.backline.itest;

import static org.junit.Assert.assertEquals;

import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * Plugin options from component configuration, a plugin whose init throws (the itest configuration says
 * {@code onPluginBootFailure: continue}), and a second plugin registered under an id already in use.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeatureFailuresIT extends BacklineTestSupport {

    private static final String EXAMPLE_OPTIONS_PID = "dev.backline.example.plugin.ExamplePlugin";

    @Inject
    private ConfigurationAdmin configAdmin;

    private ServiceRegistration<BackendPlugin> registered;

    @After
    public void restore() throws Exception {
        if (registered != null) {
            registered.unregister();
            registered = null;
        }
        Configuration options = configAdmin.getConfiguration(EXAMPLE_OPTIONS_PID, "?");
        if (options.getProperties() != null) {
            options.delete();
        }
        awaitHostIdle();
    }

    @Test
    public void optionsComeFromTheComponentsOwnConfiguration() throws Exception {
        Await.get(HELLO + " silent=false", HELLO, r -> r.isJson(200) && !r.json().path("silent").asBoolean());
        Hashtable<String, Object> silent = new Hashtable<>();
        silent.put("silent", true);
        configAdmin.getConfiguration(EXAMPLE_OPTIONS_PID, "?").update(silent);
        // DS re-activates the component with the new options; the plugin restarts with them.
        Await.get(HELLO + " silent=true", HELLO, r -> r.isJson(200) && r.json().path("silent").asBoolean());
        configAdmin.getConfiguration(EXAMPLE_OPTIONS_PID, "?").delete();
        Await.get(HELLO + " silent=false again", HELLO, r -> r.isJson(200) && !r.json().path("silent").asBoolean());
    }

    @Test
    public void aPluginWhoseInitThrowsAnswers503WhileTheOthersServe() {
        registered = context.registerService(BackendPlugin.class, BackendPlugin.create("broken",
                env -> env.registerInit(List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/x", new jakarta.servlet.http.HttpServlet() {
                        private static final long serialVersionUID = 1L;
                    });
                    throw new IllegalStateException("broken on purpose");
                })), null);
        Http.Response broken = Await.get("/api/broken/x to answer 503", "/api/broken/x", r -> r.status() == 503);
        assertEquals(broken.toString(), "ServiceUnavailableError", broken.json().path("error").path("name").asText());
        assertEquals(broken.toString(), "Service has not started up yet", broken.json().path("error").path("message").asText());
        assertEquals(200, Http.get(HELLO).status());
        assertEquals(200, Http.get(Http.READINESS).status());
    }

    @Test
    public void aSecondPluginWithAnIdInUseIsRefusedAndTheServingOneKeepsServing() {
        try (LogCapture log = LogCapture.start()) {
            registered = context.registerService(BackendPlugin.class, BackendPlugin.create("example",
                    env -> env.registerInit(List.of(), deps -> { })), null);
            log.await("Plugin 'example' is already registered; the copy from bundle ");
            awaitHostIdle();
            for (int i = 0; i < 5; i++) {
                assertEquals("the serving plugin never stops", 200, Http.get(HELLO).status());
            }
            awaitHelloValue(CONFIGURED_VALUE);
            registered.unregister();
            registered = null;
            awaitHostIdle();
            awaitHelloValue(CONFIGURED_VALUE);
            awaitExamples("hello");
        }
    }
}
