package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Per-plugin configuration through ConfigAdmin (PID {@code backline.plugin.<pluginId>}): it overlays the
 * plugin's view of the configuration under {@code <pluginId>}, and a change restarts that plugin only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigAdminIT extends BacklineTestSupport {

    static final String PID = "backline.plugin.example";
    static final String FROM_CONFIG_ADMIN = "from ConfigAdmin";

    @Inject
    private ConfigurationAdmin configAdmin;

    private final List<StartCounter> counters = new ArrayList<>();

    @After
    public void restore() throws Exception {
        counters.forEach(StartCounter::close);
        Configuration[] left = configAdmin.listConfigurations("(service.pid=" + PID + ")");
        if (left != null) {
            for (Configuration configuration : left) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties == null || !CONFIGURED_VALUE.equals(properties.get("value"))) {
                    configuration.delete();
                }
            }
        }
        awaitHelloValue(CONFIGURED_VALUE);
        awaitExamples("hello");
        awaitProcessors("ExampleCustomProcessor");
    }

    @Test
    public void configurationOverlaysThePluginsConfigAndRestartsOnlyThatPlugin() throws Exception {
        StartCounter example = counter("example");
        StartCounter catalog = counter("catalog");
        awaitHelloValue(CONFIGURED_VALUE);
        // The restarts of the counters' arrival, and of the seed configuration the host writes, must be over first.
        awaitHostIdle();
        int exampleStarts = example.starts();
        int catalogStarts = catalog.starts();

        Configuration configuration = configAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("value", FROM_CONFIG_ADMIN);
        configuration.update(properties);

        awaitHelloValue(FROM_CONFIG_ADMIN);
        assertEquals("starts of 'example' after the update", exampleStarts + 1, example.starts());
        assertEquals("starts of 'catalog' after the update", catalogStarts, catalog.starts());
        awaitExamples("hello");

        configuration.delete();

        awaitHelloValue(CONFIGURED_VALUE);
        assertEquals("starts of 'example' after the delete", exampleStarts + 2, example.starts());
        assertEquals("starts of 'catalog' after the delete", catalogStarts, catalog.starts());
        awaitExamples("hello");
    }

    @Test
    public void configurationIsSeededFromTheRootConfigSubtree() throws Exception {
        Configuration[] seeded = Await.until("configuration " + PID + " to exist",
                () -> configAdmin.listConfigurations("(service.pid=" + PID + ")"), found -> found != null && found.length == 1);
        Dictionary<String, Object> properties = seeded[0].getProperties();
        assertNotNull(PID + " has properties", properties);
        assertEquals(CONFIGURED_VALUE, properties.get("value"));
    }

    @Test
    public void aValueTheSchemaRejectsIsRefusedAndThePluginKeepsItsConfiguration() throws Exception {
        StartCounter example = counter("example");
        awaitHelloValue(CONFIGURED_VALUE);
        awaitHostIdle();
        int starts = example.starts();
        Configuration configuration = configAdmin.getConfiguration(PID, "?");

        try (LogCapture log = LogCapture.start()) {
            configuration.update(withValue(configuration, "silent", "maybe"));
            log.await("Configuration " + PID + " refused; plugin 'example' keeps the configuration it runs with");
            String why = log.await("key 'example.silent'");
            assertTrue(why, why.contains("wanted boolean"));
        }
        awaitHostIdle();
        assertEquals("a refused change restarts nothing", starts, example.starts());
        awaitHelloValue(CONFIGURED_VALUE);

        configuration.update(withValue(configuration, "silent", "false"));
        configuration.update(withValue(configuration, "value", FROM_CONFIG_ADMIN));
        awaitHelloValue(FROM_CONFIG_ADMIN);
        String shown = Shell.run(context, "backline:config example.value");
        assertTrue(shown, shown.contains(FROM_CONFIG_ADMIN) && shown.contains("ConfigAdmin " + PID));
    }

    private static Hashtable<String, Object> withValue(Configuration configuration, String key, Object value) {
        Hashtable<String, Object> properties = new Hashtable<>();
        Dictionary<String, Object> current = configuration.getProperties();
        if (current != null) {
            java.util.Collections.list(current.keys()).forEach(k -> properties.put(k, current.get(k)));
        }
        properties.put(key, value);
        return properties;
    }

    private StartCounter counter(String pluginId) {
        StartCounter counter = StartCounter.register(context, pluginId);
        counters.add(counter);
        return counter;
    }
}
