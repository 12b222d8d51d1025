package dev.backline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The scheduler and cache bundles in the container, with the catalog using both: its tasks run and are listed by the
 * scheduler routes (behind the credentials barrier); updating or stopping the scheduler or cache bundle restarts or
 * stops the catalog, and leaves no Quartz or worker thread of the old scheduler behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchedulerIT extends BacklineTestSupport {

    static final String TASKS = "/api/catalog/.backstage/scheduler/v1/tasks";
    static final String SUMMARY = "/api/catalog/summary";

    @After
    public void restoreBundles() {
        restoreBundle(BacklineOptions.SCHEDULER);
        restoreBundle(BacklineOptions.CACHE);
        awaitProcessors("ExampleCustomProcessor");
    }

    @Test
    public void theCatalogsTasksAreListedToCallersWithCredentialsAndRefreshTheSummary() throws Exception {
        assertEquals(401, Http.get(TASKS).status());
        Http.Response tasks = Await.until("the catalog's tasks", () -> Http.getAuthorized(TASKS), r -> r.isJson(200));
        JsonNode refresh = tasks.json().path("tasks").path(0);
        assertEquals(tasks.toString(), "refresh-entities", refresh.path("taskId").asText());
        assertEquals(tasks.toString(), "global", refresh.path("scope").asText());
        assertEquals(tasks.toString(), "heartbeat", tasks.json().path("tasks").path(1).path("taskId").asText());
        assertEquals(tasks.toString(), "local", tasks.json().path("tasks").path(1).path("scope").asText());

        Http.Response triggered = Http.send(BacklineOptions.PORT, "POST", TASKS + "/refresh-entities/trigger",
                java.util.Map.of("Authorization", "Bearer " + Http.TOKEN), null);
        assertTrue(triggered.toString(), triggered.status() == 200 || triggered.status() == 409);
        Http.Response summary = Await.until("the refreshed summary", () -> Http.get(SUMMARY), r -> r.isJson(200));
        assertTrue(summary.toString(), summary.json().path("summary").has("byKind"));

        // The operator's view: the same tasks in the shell, and a trigger by name.
        String listed = Shell.run(context, "backline:tasks");
        assertTrue(listed, listed.lines().anyMatch(line -> line.contains("catalog") && line.contains("refresh-entities")
                && line.contains("global")));
        assertTrue(listed, listed.lines().anyMatch(line -> line.contains("heartbeat") && line.contains("local")));
        Exception unknown = org.junit.Assert.assertThrows(Exception.class, () -> Shell.run(context, "backline:trigger catalog nope"));
        assertTrue(unknown.toString(), unknown.getMessage().contains("Plugin 'catalog' has no scheduled task 'nope'"));
        assertTrue(Shell.run(context, "backline:trigger catalog heartbeat").contains("triggered"));
    }

    @Test
    public void updatingTheSchedulerBundleRestartsTheCatalogOnANewSchedulerAndLeavesNoThreadBehind() throws Exception {
        Await.until("the catalog's tasks", () -> Http.getAuthorized(TASKS), r -> r.isJson(200));
        Await.until("the catalog's Quartz threads", () -> threadsNamed("backline.catalog"), names -> names.size() == 4);

        bundle(BacklineOptions.SCHEDULER).update();

        Await.until("the catalog's tasks after the update", () -> Http.getAuthorized(TASKS),
                r -> r.isJson(200) && r.json().path("tasks").size() == 2);
        // One scheduler per scope: Quartz's scheduler thread for each, the cluster manager and misfire handler for
        // the global one. The old scheduler's are gone.
        List<String> threads = Await.until("only the new scheduler's Quartz threads", () -> threadsNamed("backline.catalog"),
                names -> names.size() == 4);
        assertEquals(threads.toString(), 4, threads.size());
        assertTrue(threadsNamed("backline-scheduler-catalog").toString(),
                threadsNamed("backline-scheduler-catalog").size() <= 8);
    }

    @Test
    public void stoppingTheCacheBundleStopsTheCatalogsTasksAndStartingItBringsThemBack() throws Exception {
        Await.until("the summary", () -> Http.get(SUMMARY), r -> r.isJson(200));

        bundle(BacklineOptions.CACHE).stop();
        // The catalog needs core.cache: without the service it waits, as for any missing service.
        Http.Response waiting = Await.until("the catalog to stop", () -> Http.get(SUMMARY), r -> r.status() != 200);
        assertTrue(waiting.toString(), waiting.status() == 503 || waiting.status() == 404);
        Await.until("no scheduler thread of the catalog", () -> schedulerThreads("catalog"), List::isEmpty);

        bundle(BacklineOptions.CACHE).start();
        // The new cache is empty, and the refresh keeps its schedule: run it now rather than wait for its period.
        Await.until("the refresh triggered", () -> Http.send(BacklineOptions.PORT, "POST", TASKS + "/refresh-entities/trigger",
                java.util.Map.of("Authorization", "Bearer " + Http.TOKEN), null), r -> r.status() == 200);
        Await.until("the summary again", () -> Http.get(SUMMARY), r -> r.isJson(200));
    }

    /** Quartz's threads of the plugin's schedulers ({@code backline.<id>...}) and their workers. */
    private static List<String> schedulerThreads(String pluginId) {
        List<String> threads = new java.util.ArrayList<>(threadsNamed("backline." + pluginId));
        threads.addAll(threadsNamed("backline-scheduler-" + pluginId + "-"));
        return threads;
    }

    private static List<String> threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.contains(part)).sorted().toList();
    }
}
