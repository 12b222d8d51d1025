package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * Stopping and starting the host bundle. Probes are plugins registered from the test bundle: a shutdown
 * hook that asks for readiness while the backend stops, and a plugin whose init waits for the test, so
 * "not ready until every plugin started" is observed deterministically rather than by racing a poller.
 *
 * <p>After the host bundle has stopped, nothing of Backline serves any more, but Jetty (another bundle)
 * still listens: readiness is then Jetty's own 404 page, not "connection refused" (the HTTP server is not
 * the host's to stop) and not 503 (the host's servlet is gone). The 503 of the spec ("503 once shutdown
 * begins") is what the backend answers during its stop, checked from the shutdown hook.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShutdownIT extends BacklineTestSupport {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @After
    public void restoreHost() {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // nothing to do
            }
        });
        restoreBundle(BacklineOptions.HOST);
        Await.get("readiness 200 after the host started again", Http.READINESS, r -> r.status() == 200);
    }

    @Test
    public void stoppingTheHostBundleTakesReadinessDown() throws Exception {
        AtomicReference<Http.Response> duringShutdown = new AtomicReference<>();
        CountDownLatch probeStarted = new CountDownLatch(1);
        register(BackendPlugin.create("itest-shutdown-probe", env -> env.registerInit(List.of(CoreServices.LIFECYCLE), deps -> {
            deps.get(CoreServices.LIFECYCLE).addShutdownHook(() -> duringShutdown.compareAndSet(null, Http.get(Http.READINESS)));
            probeStarted.countDown();
        })));
        assertTrue("the probe plugin started", probeStarted.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

        // Returns once the DS component is deactivated: the backend has stopped, the servlet is unregistered.
        bundle(BacklineOptions.HOST).stop();

        Http.Response shutdown = duringShutdown.get();
        assertNotNull("the probe plugin's shutdown hook ran", shutdown);
        assertEquals(shutdown.toString(), 503, shutdown.status());
        assertEquals(shutdown.toString(), "Backend is shutting down", shutdown.json().path("message").asText());

        Http.Response after = Http.get(Http.READINESS);
        assertNotEquals(after.toString(), 200, after.status());
        // Jetty's own 404 is JSON too (dev.backline.http.jetty) but says only "Not Found": no Backline servlet answered.
        assertTrue("readiness after the host stopped: refused, 503, or the servlet container's own 404 (no Backline"
                + " servlet left); got " + after,
                after.status() == Http.REFUSED || after.status() == 503
                        || (after.status() == 404 && "Not Found".equals(after.json().path("error").path("message").asText())));
        Http.Response hello = Http.get(HELLO);
        assertNotEquals(hello.toString(), 200, hello.status());
    }

    @Test
    public void readinessTurnsOkOnlyOnceEveryPluginHasStarted() throws Exception {
        Bundle host = bundle(BacklineOptions.HOST);
        host.stop();

        // Registered while the host is down: the next host instance finds it at its first start.
        CountDownLatch initEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        register(BackendPlugin.create("itest-slow-start", env -> env.registerInit(List.of(CoreServices.LOGGER), deps -> {
            initEntered.countDown();
            if (!release.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never released itest-slow-start");
            }
        })));
        try {
            host.start();
            assertTrue("the backend started its plugins", initEntered.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

            Http.Response starting = Http.get(Http.READINESS);
            assertEquals(starting.toString(), 503, starting.status());
            assertEquals(starting.toString(), "Backend has not started yet", starting.json().path("message").asText());
            Http.Response liveness = Http.get(Http.LIVENESS);
            assertEquals(liveness.toString(), 200, liveness.status());
        } finally {
            release.countDown();
        }
        Await.get("readiness 200 once itest-slow-start finished", Http.READINESS, r -> r.status() == 200);
        awaitHelloValue(CONFIGURED_VALUE);
        awaitExamples("hello");
    }

    private void register(BackendPlugin plugin) {
        registrations.add(context.registerService(BackendPlugin.class, plugin, null));
    }
}
