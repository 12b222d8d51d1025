package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.inject.Inject;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.backline.plugin.api.BackendPlugin;
import dev.backline.plugin.api.services.CoreServices;

/**
 * What every test class shares: the container ({@link BacklineOptions#base()}), the bundle context, and
 * waiting for the backend to be ready before each test. Subclasses add {@code @RunWith(PaxExam.class)}
 * and {@code @ExamReactorStrategy(PerClass.class)}: one container per class, so every test restores
 * what it changed.
 */
public abstract class BacklineTestSupport {

    public static final String HELLO = "/api/example/hello";
    public static final String EXAMPLES = "/api/example/examples";
    public static final String PROCESSORS = "/api/catalog/processors";
    public static final String VALIDATORS = "/api/catalog/modules/example-custom-processor/v1/validators";
    /** {@code example.value} in src/test/resources/app-config.yaml. */
    public static final String CONFIGURED_VALUE = "configured for itest";

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() {
        return BacklineOptions.base();
    }

    /** The backend has started, and both example plugins serve with their modules' contributions. */
    @Before
    public void awaitBackendReady() {
        Await.get("readiness 200", Http.READINESS, r -> r.status() == 200);
        awaitExamples("hello");
        awaitProcessors("ExampleCustomProcessor");
    }

    /** Waits until /api/example/examples answers 200 with exactly these example names, in order. */
    protected static JsonNode awaitExamples(String... names) {
        List<String> wanted = Arrays.asList(names);
        Http.Response response = Await.get("GET " + EXAMPLES + " to list " + wanted, EXAMPLES,
                r -> r.isJson(200) && exampleNames(r.json()).equals(wanted));
        return response.json();
    }

    /** Waits until /api/catalog/processors answers 200 with exactly these processor names, in order. */
    protected static JsonNode awaitProcessors(String... names) {
        List<String> wanted = Arrays.asList(names);
        Http.Response response = Await.get("GET " + PROCESSORS + " to list " + wanted, PROCESSORS,
                r -> r.isJson(200) && texts(r.json()).equals(wanted));
        return response.json();
    }

    protected static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(e -> texts.add(e.asText()));
        return texts;
    }

    protected static List<String> exampleNames(JsonNode examples) {
        List<String> names = new ArrayList<>();
        examples.forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    /** Waits until /api/example/hello answers 200 with this example.value. */
    protected static JsonNode awaitHelloValue(String value) {
        return Await.get("GET " + HELLO + " to answer value '" + value + "'", HELLO,
                r -> r.isJson(200) && value.equals(r.json().path("value").asText())).json();
    }

    /**
     * Waits until the host has handled every bundle event so far, including the plugin restarts they
     * requested. Container events are handled in order and every restart waits the same quiet period; so once
     * a marker plugin registered now has been started, every restart requested before it has at least been
     * sent off. {@code backline:health} then says when none is left under way.
     */
    protected void awaitHostIdle() {
        CountDownLatch started = new CountDownLatch(1);
        ServiceRegistration<BackendPlugin> marker = context.registerService(BackendPlugin.class,
                BackendPlugin.create("itest-marker", env -> env.registerInit(List.of(CoreServices.LOGGER),
                        deps -> started.countDown())),
                null);
        try {
            Await.until("the host to start the marker plugin", started::getCount, n -> n == 0);
            Await.until("no plugin change left under way", () -> Shell.run(context, "backline:health"),
                    health -> !health.contains("restart queued or under way"));
        } finally {
            marker.unregister();
        }
    }

    /** The installed bundle with this symbolic name, or null. */
    protected Bundle findBundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst()
                .orElse(null);
    }

    protected Bundle bundle(String symbolicName) {
        Bundle bundle = findBundle(symbolicName);
        assertNotNull("bundle " + symbolicName + " is not installed", bundle);
        return bundle;
    }

    /**
     * Makes sure a reactor bundle is installed (from its jar) and active again, for {@code @After}:
     * the next test of the class must find the container as the configuration built it.
     */
    protected void restoreBundle(String symbolicName) {
        try {
            Bundle bundle = findBundle(symbolicName);
            if (bundle == null) {
                bundle = context.installBundle(BacklineOptions.jarUrl(symbolicName));
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
            assertEquals(symbolicName + " state", Bundle.ACTIVE, bundle.getState());
        } catch (BundleException e) {
            fail("Could not restore " + symbolicName + ": " + e);
        }
    }

    protected static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }
}
