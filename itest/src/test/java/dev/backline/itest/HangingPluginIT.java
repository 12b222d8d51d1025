package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * A plugin whose init never returns: while it hangs the host, the shell and every other plugin stay
 * responsive; at {@code backend.startup.pluginTimeout} (5 s here) it fails naming itself, its routes answer
 * 503; unregistering it removes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HangingPluginIT extends BacklineTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);
    private ServiceRegistration<BackendPlugin> hanging;
    private ServiceRegistration<BackendPlugin> quick;

    @Override
    @Configuration
    public Option[] config() {
        String timeouts = new File(new File(BacklineOptions.configFile()).getParentFile(), "timeouts.yaml").getAbsolutePath();
        return BacklineOptions.base(BacklineOptions.configFile() + "," + timeouts);
    }

    @After
    public void cleanUp() {
        release.countDown();
        for (ServiceRegistration<?> registration : new ServiceRegistration<?>[] {hanging, quick}) {
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // unregistered by the test
                }
            }
        }
    }

    @Test
    public void theHostTheShellAndOtherPluginsStayResponsiveAndTheHungPluginFailsAtTheLimit() throws Exception {
        CountDownLatch inInit = new CountDownLatch(1);
        hanging = context.registerService(BackendPlugin.class, BackendPlugin.create("hang", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/x", new jakarta.servlet.http.HttpServlet() {
                        private static final long serialVersionUID = 1L;
                    });
                    inInit.countDown();
                    release.await(); // never released while the test runs; the host interrupts it
                })), null);
        assertTrue("the hanging init began", inInit.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

        // While it hangs: the shell answers, other plugins restart and arrive, their routes serve.
        String plugins = within("backline:plugins", () -> Shell.run(context, "backline:plugins"));
        assertTrue(plugins, plugins.lines().anyMatch(line -> line.startsWith("hang ") && line.contains("starting")));
        String restart = within("backline:restart example", () -> Shell.run(context, "backline:restart example"));
        assertTrue(restart, restart.contains("Plugin 'example' restarted"));
        quick = context.registerService(BackendPlugin.class, BackendPlugin.create("quick", env -> env.registerInit(
                List.of(CoreServices.HTTP_ROUTER), deps -> {
                    deps.get(CoreServices.HTTP_ROUTER).use("/ping", new jakarta.servlet.http.HttpServlet() {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                                jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
                            response.setStatus(204);
                        }
                    });
                    deps.get(CoreServices.HTTP_ROUTER).addAuthPolicy(
                            new dev.backline.plugin.api.services.HttpAuthPolicy("/ping", dev.backline.plugin.api.services.HttpAuthPolicy.Allow.UNAUTHENTICATED));
                })), null);
        Await.get("/api/quick/ping to answer while 'hang' hangs", "/api/quick/ping", r -> r.status() == 204);
        assertEquals(200, Http.get(HELLO).status());

        // At the limit it fails, naming itself; its routes refuse.
        Http.Response refused = Await.get("/api/hang/x to answer 503", "/api/hang/x", r -> r.status() == 503);
        assertEquals(refused.toString(), "ServiceUnavailableError", refused.json().path("error").path("name").asText());
        String failed = Shell.run(context, "backline:plugin hang");
        assertTrue(failed, failed.contains("failed"));
        assertTrue(failed, failed.contains("Plugin 'hang' did not finish starting within 5000 ms (backend.startup.pluginTimeout)"
                + " while running its init"));

        // Removing its service removes it: the host was never stuck on it.
        hanging.unregister();
        hanging = null;
        Await.get("/api/hang/x to be unknown", "/api/hang/x", r -> r.status() == 404);
        assertEquals(200, Http.get(Http.READINESS).status());
    }

    /** Runs a shell command with a deadline far below the plugin's hang: a stuck host would miss it. */
    private static String within(String what, java.util.concurrent.Callable<String> command) throws Exception {
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            try {
                return command.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
