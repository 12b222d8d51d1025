package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The container came up: probes, bundle states, the host's DS component. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthIT extends BacklineTestSupport {

    static final String HOST_COMPONENT = "dev.backline.host.osgi.BacklineHost";

    @Inject
    private ServiceComponentRuntime scr;

    @Test
    public void livenessAnswersOk() throws Exception {
        Http.Response liveness = Http.get(Http.LIVENESS);
        assertEquals(liveness.toString(), 200, liveness.status());
        JsonNode expected = new ObjectMapper().valueToTree(Map.of("status", "ok"));
        assertEquals(liveness.toString(), expected, liveness.json());
    }

    /** 503 before every plugin started: ShutdownIT.readinessTurnsOkOnlyOnceEveryPluginHasStarted. */
    @Test
    public void readinessIsOkOnceStarted() {
        // @Before already waited for it; it must stay 200 (no restart loop, no late failure).
        Http.Response readiness = Http.get(Http.READINESS);
        assertEquals(readiness.toString(), 200, readiness.status());
    }

    @Test
    public void everyBundleIsActive() {
        Await.until("every bundle ACTIVE", this::notActive, List::isEmpty);
        List<String> expected = new ArrayList<>(BacklineOptions.REACTOR_BUNDLES);
        expected.addAll(List.of("org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.http.jetty12",
                "org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple", "org.yaml.snakeyaml",
                "com.fasterxml.jackson.core.jackson-databind"));
        for (String symbolicName : expected) {
            assertEquals(symbolicName, "ACTIVE", stateName(bundle(symbolicName).getState()));
        }
    }

    private List<String> notActive() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .filter(b -> b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + " " + b.getVersion() + " " + stateName(b.getState()))
                .collect(Collectors.toList());
    }

    @Test
    public void hostComponentIsActive() {
        ComponentDescriptionDTO description = Await.until("the DS component " + HOST_COMPONENT,
                () -> scr.getComponentDescriptionDTOs().stream()
                        .filter(d -> d.name.equals(HOST_COMPONENT))
                        .findFirst().orElse(null),
                d -> d != null);
        assertEquals(BacklineOptions.HOST, description.bundle.symbolicName);
        assertTrue(HOST_COMPONENT + " is enabled", scr.isComponentEnabled(description));
        List<Integer> states = Await.until(HOST_COMPONENT + " ACTIVE",
                () -> scr.getComponentConfigurationDTOs(description).stream().map(c -> c.state).collect(Collectors.toList()),
                s -> s.equals(List.of(ComponentConfigurationDTO.ACTIVE)));
        assertEquals(List.of(ComponentConfigurationDTO.ACTIVE), states);
    }
}
