package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.paxexam.BacklinePaxExam;

/** The built bundles in Backline's container: the plugin starts, migrates its database and serves. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ${pluginClass}PluginIT {

    @Configuration
    public Option[] config() {
        // The plugin's own configuration, as app-config.yaml would have it.
        return BacklinePaxExam.backline(Map.of("${pluginId}", Map.of("maxTitleLength", 20)),
                new File(System.getProperty("api.bundle")), new File(System.getProperty("plugin.bundle")));
    }

    @Test
    public void storesAndServesItems() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI items = URI.create("http://127.0.0.1:" + System.getProperty(BacklinePaxExam.PORT_PROPERTY) + "/api/${pluginId}/items");
        HttpRequest list = HttpRequest.newBuilder(items).header("Authorization", "Bearer " + BacklinePaxExam.TOKEN).build();
        // The plugin starts with the container; wait for it with a deadline, not a sleep.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = client.send(list, HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            response = client.send(list, HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(response.body(), 200, response.statusCode());

        HttpResponse<String> created = client.send(HttpRequest.newBuilder(items)
                .header("Authorization", "Bearer " + BacklinePaxExam.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of("title", "In the container"))))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(client.send(list, HttpResponse.BodyHandlers.ofString()).body().contains("In the container"));

        HttpResponse<String> tooLong = client.send(HttpRequest.newBuilder(items)
                .header("Authorization", "Bearer " + BacklinePaxExam.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(
                        Map.of("title", "Longer than the configured twenty")))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(tooLong.body(), 400, tooLong.statusCode());
    }
}
