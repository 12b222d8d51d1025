package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

import dev.backline.itest.failing.FailingPluginActivator;

/**
 * Under {@code onPluginBootFailure: abort}, a plugin that fails at the first start leaves readiness at 503
 * with the reason, while the process keeps serving (liveness 200) and does not exit.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StartupAbortIT {

    @Configuration
    public Option[] config() {
        String abortConfig = new File(new File(BacklineOptions.configFile()).getParentFile(), "abort.yaml").getAbsolutePath();
        Option failingBundle = streamBundle(TinyBundles.bundle()
                .addClass(FailingPluginActivator.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, "dev.backline.itest.failing")
                .setHeader(Constants.BUNDLE_ACTIVATOR, FailingPluginActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE, "org.osgi.framework,dev.backline.plugin.api;version=\"[1.0,2)\"")
                .build(TinyBundles.rawBuilder()));
        return Stream.concat(Arrays.stream(BacklineOptions.base(BacklineOptions.configFile() + "," + abortConfig)),
                Stream.of(failingBundle)).toArray(Option[]::new);
    }

    @Test
    public void readinessStays503WithTheReasonAndTheProcessKeepsServing() {
        Http.Response readiness = Await.get("readiness to report the aborted start", Http.READINESS,
                r -> r.isJson(503) && r.json().path("message").asText().startsWith("Backend startup failed"));
        assertEquals(readiness.toString(), "Backend startup failed; failed: plugin 'failing' (the log and backline:startup"
                + " say why)", readiness.json().path("message").asText());
        assertEquals(readiness.toString(), "error", readiness.json().path("status").asText());
        Http.Response liveness = Http.get(Http.LIVENESS);
        assertEquals(liveness.toString(), 200, liveness.status());
        // The plugins that did start keep serving; only readiness tells the load balancer to stay away.
        assertEquals(200, Http.get(BacklineTestSupport.HELLO).status());
        assertEquals(503, Http.get("/api/failing/x").status());
    }
}
