package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

import dev.backline.example.catalog.api.CatalogProcessingExtensionPoint;
import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.itest.stale.StaleProcessorActivator;

/**
 * Two revisions of the catalog library installed side by side: a module wired to the other revision than
 * its plugin fails with a message naming the extension point and both bundles and versions, never a bare
 * ClassCastException, and the catalog keeps serving with its other module.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LibraryRevisionsIT extends BacklineTestSupport {

    private static final String STALE_MODULE = "dev.backline.itest.stale";

    /** Installed, not started: the catalog first starts without the stale module. */
    @Configuration
    @Override
    public Option[] config() {
        Option libraryV2 = streamBundle(TinyBundles.bundle()
                .addClass(CatalogProcessingExtensionPoint.class)
                .addClass(CatalogProcessor.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, BacklineOptions.CATALOG_API)
                .setHeader(Constants.BUNDLE_VERSION, "2.0.0")
                .setHeader(Constants.EXPORT_PACKAGE, "dev.backline.example.catalog.api;version=2.0.0")
                .setHeader(Constants.IMPORT_PACKAGE, "dev.backline.plugin.api;version=\"[1.0,2)\"")
                .build(TinyBundles.rawBuilder())).start(false);
        Option staleModule = streamBundle(TinyBundles.bundle()
                .addClass(StaleProcessorActivator.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, STALE_MODULE)
                .setHeader(Constants.BUNDLE_ACTIVATOR, StaleProcessorActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE, "org.osgi.framework,dev.backline.plugin.api;version=\"[1.0,2)\","
                        + "dev.backline.example.catalog.api;version=\"[2.0,3)\"")
                .build(TinyBundles.rawBuilder())).start(false);
        return Stream.concat(Arrays.stream(BacklineOptions.base()), Stream.of(libraryV2, staleModule))
                .toArray(Option[]::new);
    }

    @Test
    public void aModuleWiredToAnotherRevisionFailsClearlyAndTheCatalogKeepsServing() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        Bundle stale = bundle(STALE_MODULE);
        // slf4j-simple writes to System.err as it is at each call; the native container shares this JVM.
        System.setErr(new PrintStream(tee(originalErr, log), true, StandardCharsets.UTF_8));
        try {
            stale.start();
            String message = Await.until("the catalog's restart to report the stale module",
                    () -> line(log, "cannot use extension point 'catalog.processing'"), line -> line != null);
            assertTrue(message, message.contains("Module 'stale-processor' for plugin 'catalog'"));
            assertTrue(message, message.contains("bundle dev.backline.example.catalog.api 2.0.0"));
            assertTrue(message, message.contains("bundle dev.backline.example.catalog.api 0.1.0"));
            assertFalse(log.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8).contains("ClassCastException"));

            awaitProcessors("ExampleCustomProcessor");
            assertEquals(200, Http.get(VALIDATORS).status());
        } finally {
            System.setErr(originalErr);
            stale.stop();
            awaitHostIdle();
        }
    }

    private static String line(ByteArrayOutputStream log, String text) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).findFirst().orElse(null);
    }

    private static OutputStream tee(OutputStream first, OutputStream second) {
        return new OutputStream() {
            @Override
            public synchronized void write(int b) throws java.io.IOException {
                first.write(b);
                second.write(b);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                first.write(bytes, offset, length);
                second.write(bytes, offset, length);
            }
        };
    }
}
