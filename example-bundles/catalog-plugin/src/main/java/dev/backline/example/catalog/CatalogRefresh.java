package dev.backline.example.catalog;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.backline.example.catalog.api.CatalogProcessor;
import dev.backline.plugin.api.ExtensionPointRegistrations;
import dev.backline.plugin.api.services.AbortSignal;
import dev.backline.plugin.api.services.CacheService;
import dev.backline.plugin.api.services.LoggerService;
import dev.backline.plugin.api.services.SchedulerService;
import dev.backline.plugin.api.services.SchedulerTaskSchedule;
import dev.backline.plugin.api.services.SchedulerTaskScope;

/**
 * The catalog's scheduled work. {@code refresh-entities} (global: one instance per period) runs every stored entity
 * through the processors installed now, which may have changed since it was stored, and caches the resulting summary,
 * so every instance serves the same one. {@code heartbeat} (local: every instance) only records that the instance is
 * running its tasks. Both record their runs in the table {@code task_runs}.
 */
final class CatalogRefresh {

    static final String REFRESH_TASK = "refresh-entities";
    static final String HEARTBEAT_TASK = "heartbeat";
    static final String SUMMARY_KEY = "summary";
    /** Entities read per query while refreshing; the run checks its abort signal between pages. */
    private static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** This process, as {@code pid@host}: which instance ran a task, or computed a summary. */
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /**
     * What the refresh computed.
     *
     * @param total        stored entities
     * @param byKind       stored entities by kind
     * @param withProblems entities the processors installed now find problems in
     * @param refreshedAt  when the refresh ended
     * @param refreshedBy  the instance that ran it
     */
    record Summary(int total, Map<String, Integer> byKind, int withProblems, String refreshedAt, String refreshedBy) {
    }

    private final CatalogStore store;
    private final ExtensionPointRegistrations<CatalogProcessor> processors;
    private final CacheService cache;
    private final LoggerService logger;
    private final Duration interval;

    CatalogRefresh(CatalogStore store, ExtensionPointRegistrations<CatalogProcessor> processors, CacheService cache,
            LoggerService logger, Duration interval) {
        this.store = store;
        this.processors = processors;
        this.cache = cache;
        this.logger = logger;
        this.interval = interval;
    }

    Duration interval() {
        return interval;
    }

    void schedule(SchedulerService scheduler) {
        scheduler.scheduleTask(REFRESH_TASK, SchedulerTaskSchedule.every(interval).timeout(interval.multipliedBy(5)),
                this::refresh);
        scheduler.scheduleTask(HEARTBEAT_TASK, SchedulerTaskSchedule.every(interval).scope(SchedulerTaskScope.LOCAL),
                signal -> store.recordRun(HEARTBEAT_TASK, INSTANCE, Instant.now(), Instant.now()));
    }

    /** The summary the last refresh cached, whichever instance ran it. */
    Optional<Summary> summary() {
        return cache.get(SUMMARY_KEY, Summary.class);
    }

    Summary refresh(AbortSignal signal) throws SQLException {
        Instant started = Instant.now();
        int total = 0;
        int withProblems = 0;
        List<CatalogProcessor> current = processors.items();
        for (int offset = 0; ; offset += PAGE) {
            signal.throwIfAborted();
            List<String> page = store.page(CatalogPermissions.SqlFilter.ALL, PAGE, offset);
            for (String body : page) {
                total++;
                Map<String, Object> entity = parse(body);
                if (current.stream().anyMatch(processor -> !processor.validate(entity).isEmpty())) {
                    withProblems++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        Instant ended = Instant.now();
        Summary summary = new Summary(total, store.countsByKind(), withProblems, ended.toString(), INSTANCE);
        // Kept for a few periods, so a summary is there while the instances take turns.
        cache.set(SUMMARY_KEY, summary, interval.multipliedBy(5));
        store.recordRun(REFRESH_TASK, INSTANCE, started, ended);
        if (withProblems > 0) {
            logger.warn(withProblems + " of " + total + " entities have problems with the processors installed now");
        }
        return summary;
    }

    private static Map<String, Object> parse(String body) {
        try {
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored entity is not JSON: " + e.getMessage(), e);
        }
    }
}
