package dev.backline.events.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.backline.plugin.api.services.LogLevel;
import dev.backline.plugin.api.services.LoggerService;

/**
 * Shares events between the instances using the events plugin's PostgreSQL database. A writer thread stores what this
 * instance publishes in {@value #TABLE} (a trigger NOTIFYs {@value #CHANNEL} with the event's id); a listener thread
 * holds one connection that LISTENs, reads each notified event of another instance and posts it on the local bus.
 * The listener also deletes rows older than the retention. A lost connection is logged once and retried with a
 * growing pause; after reconnecting, the listener first delivers what others stored meanwhile (still in the table).
 */
final class PostgresRelay implements AutoCloseable {

    static final String PRODUCT = "PostgreSQL";
    static final String TABLE = "backline_events__events";
    static final String CHANNEL = "backline_events";

    /** Events waiting to be stored; past this, newer ones are not shared (they were delivered here already). */
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 256;
    private static final int POLL_MILLIS = 250;
    private static final Duration MAX_PRUNE_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int REMEMBERED = 10_000;

    private final DataSource dataSource;
    private final EventsServices services;
    private final Duration retention;
    private final LoggerService logger;
    private final BlockingQueue<BusEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean queueFullLogged;

    /** Ids delivered lately (listener thread only): catching up after a reconnect may meet them again. */
    private final Map<String, Boolean> delivered = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long lastId = -1;

    PostgresRelay(DataSource dataSource, EventsServices services, Duration retention, LoggerService logger) {
        this.dataSource = dataSource;
        this.services = services;
        this.retention = retention;
        this.logger = logger;
        this.writer = new Thread(this::writeLoop, "backline-events-writer");
        this.listener = new Thread(this::listenLoop, "backline-events-listener");
        writer.setDaemon(true);
        listener.setDaemon(true);
    }

    void start() {
        writer.start();
        listener.start();
    }

    /** Queues an event of this instance for the others; never blocks the publisher. */
    void store(BusEvent event) {
        if (!queue.offer(event) && !queueFullLogged) {
            queueFullLogged = true;
            logger.warn("Events are published faster than the events plugin's database stores them (" + QUEUE_CAPACITY
                    + " waiting); events of topic '" + event.topic() + "' and later ones reach only this instance until"
                    + " it catches up");
        }
    }

    // ---- writer ----

    private void writeLoop() {
        List<BusEvent> batch = new ArrayList<>();
        boolean failing = false;
        long notShared = 0;
        while (running || !queue.isEmpty()) {
            BusEvent first;
            try {
                first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            queueFullLogged = false;
            try {
                insert(batch);
                if (failing) {
                    failing = false;
                    logger.info("Storing events in the events plugin's database again; " + notShared
                            + " event(s) reached only this instance meanwhile");
                    notShared = 0;
                }
            } catch (SQLException e) {
                notShared += batch.size();
                if (!failing) {
                    failing = true;
                    logger.log(LogLevel.WARN, "Cannot store events in the events plugin's database (table " + TABLE
                            + "); until it works again they reach only this instance: " + e.getMessage(),
                            Map.of("topic", first.topic()), e);
                }
            }
            batch.clear();
        }
    }

    private void insert(List<BusEvent> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (event_id, topic, payload, metadata, origin, plugin_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (BusEvent event : batch) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, event.topic());
                    insert.setString(3, event.payloadJson());
                    insert.setString(4, EventJson.metadata(event.metadata()));
                    insert.setString(5, event.origin());
                    insert.setString(6, event.pluginId());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    // ---- listener ----

    private void listenLoop() {
        boolean failing = false;
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                boolean lost = false;
                try {
                    connection.setAutoCommit(true);
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + CHANNEL);
                    }
                    catchUp(connection);
                    if (failing) {
                        failing = false;
                        logger.info("Listening for events of other instances again");
                    }
                    backoff = Duration.ofMillis(250);
                    listen(connection, pg);
                } catch (SQLException e) {
                    lost = e.getSQLState() != null && e.getSQLState().startsWith("08");
                    throw e;
                } finally {
                    if (!lost) {
                        unlisten(connection);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    Thread.sleep(backoff.toMillis()); // the pause before reconnecting, growing to MAX_BACKOFF
                } catch (InterruptedException interrupted) {
                    break;
                }
                // Checked after the pause: at the plugin's stop its pool may close just before this relay does,
                // which is no loss worth a warning.
                if (!running) {
                    break;
                }
                if (!failing) {
                    failing = true;
                    logger.log(LogLevel.WARN, "Lost the events plugin's database connection that listens for events of"
                            + " other instances; reconnecting: " + e.getMessage(), Map.of(), e);
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void listen(Connection connection, PGConnection pg) throws SQLException {
        Duration pruneEvery = retention.compareTo(MAX_PRUNE_INTERVAL) < 0 ? retention : MAX_PRUNE_INTERVAL;
        long nextPrune = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    if (CHANNEL.equals(notification.getName())) {
                        deliverNotified(connection, notification.getParameter());
                    }
                }
            }
            // pruning also checks, now and then, that the quiet connection is still alive
            if (System.nanoTime() - nextPrune >= 0) {
                prune(connection);
                nextPrune = System.nanoTime() + pruneEvery.toNanos();
            }
        }
    }

    /** The first time, starts after what is stored; after a reconnect, delivers what others stored meanwhile. */
    private void catchUp(Connection connection) throws SQLException {
        if (lastId < 0) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + TABLE)) {
                rows.next();
                lastId = rows.getLong(1);
            }
            return;
        }
        // page by page until a short page: what others stored while this instance was away can be more than one page
        int rows;
        do {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, event_id, topic, payload, metadata, origin, plugin_id FROM " + TABLE
                            + " WHERE id > ? AND origin <> ? ORDER BY id LIMIT " + REMEMBERED)) {
                select.setLong(1, lastId);
                select.setString(2, services.instanceId());
                rows = deliverRows(select);
            }
        } while (running && rows == REMEMBERED);
    }

    private void deliverNotified(Connection connection, String eventId) throws SQLException {
        if (eventId == null || delivered.containsKey(eventId)) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, event_id, topic, payload, metadata, origin, plugin_id FROM " + TABLE
                        + " WHERE event_id = ? AND origin <> ?")) {
            select.setString(1, eventId);
            select.setString(2, services.instanceId());
            deliverRows(select);
        }
    }

    /** Delivers the rows not delivered yet; how many rows there were. */
    private int deliverRows(PreparedStatement select) throws SQLException {
        int count = 0;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                count++;
                String eventId = rows.getString("event_id");
                lastId = Math.max(lastId, rows.getLong("id"));
                if (delivered.put(eventId, Boolean.TRUE) != null) {
                    continue;
                }
                BusEvent event;
                try {
                    event = new BusEvent(rows.getString("topic"), rows.getString("payload"),
                            EventJson.metadata(rows.getString("metadata")), rows.getString("origin"),
                            rows.getString("plugin_id"));
                } catch (RuntimeException unreadable) {
                    logger.warn("Skipped event " + eventId + " of the events table: " + unreadable.getMessage());
                    continue;
                }
                services.receive(event);
            }
        }
        return count;
    }

    private void prune(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE created_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, retention.toMillis() / 1000.0);
            delete.executeUpdate();
        }
    }

    /** A pooled connection must not go back to the pool still listening (a lost one is dropped by the pool). */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException broken) {
            // the pool drops a broken connection anyway
        }
    }

    /** Stores what is still queued (a few seconds at most), then ends both threads. */
    @Override
    public void close() {
        running = false;
        listener.interrupt();
        join(listener);
        join(writer);
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(1).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
