package org.followthrough.live;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.followthrough.platform.ConnectionPools;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How signals travel between nodes: each node keeps one connection of its own (not from a pool)
 * that {@code LISTEN}s on one channel, and sends with {@code pg_notify} on pooled connections from a
 * queue of its own, so no request waits on it and a burst of signals goes out in one statement.
 * PostgreSQL delivers a notification to every listener, the sender's own node included.
 *
 * <p>When the database goes away the listener says so once, waits {@code reconnectDelay} and
 * listens again; signals sent meanwhile are lost, so on listening again it tells its receiver to
 * catch up ({@link Receiver#resumed()}). Signals are hints, never the record: losing one costs a
 * page a late refresh, never data.
 */
@Component
class Signals {

    static final String CHANNEL = "followthrough_live";
    private static final Logger log = LoggerFactory.getLogger(Signals.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 200;
    private static final long POLL_MILLIS = 500;
    /** A connection that went quiet without an error (a dropped network) is found out this often. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    /** Who hears the signals. */
    interface Receiver {

        void received(Signal signal);

        /** Listening again after the database was away: what was signalled meanwhile is lost. */
        void resumed();
    }

    private final ConnectionPools database;
    private final JdbcClient db;
    private final LiveProperties properties;
    private final BlockingQueue<Signal> outbox = new LinkedBlockingQueue<>(QUEUE);
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;
    private Thread sender;

    Signals(ConnectionPools database, JdbcClient db, LiveProperties properties) {
        this.database = database;
        this.db = db;
        this.properties = properties;
    }

    /** Queues a signal for every node; dropped, never waited for, when the queue is full. */
    void send(Signal signal) {
        if (running && !outbox.offer(signal)) {
            log.debug("Live signal dropped, the queue is full: {}", signal.kind());
        }
    }

    /** Whether this node is listening now (false while the database is away). */
    boolean listening() {
        return listening;
    }

    synchronized void start(Receiver receiver) {
        if (running) {
            return;
        }
        running = true;
        listener = Thread.ofVirtual().name("live-listen").start(() -> listen(receiver));
        sender = Thread.ofVirtual().name("live-send").start(this::sendQueued);
    }

    void stop() {
        Thread[] threads;
        synchronized (this) {
            running = false;
            notifyAll();
            threads = new Thread[] {listener, sender};
            listener = null;
            sender = null;
        }
        for (var thread : threads) {
            if (thread != null) {
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void listen(Receiver receiver) {
        boolean first = true;
        boolean warned = false;
        while (running) {
            try (var connection = database.openDedicated("followthrough-live");
                    var statement = connection.createStatement()) {
                statement.execute("listen " + CHANNEL);
                var notifications = connection.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                if (!first) {
                    log.info("Listening for live signals again");
                    receiver.resumed();
                }
                listening = true;
                first = false;
                warned = false;
                while (running) {
                    var received = notifications.getNotifications((int) POLL_MILLIS);
                    if (received != null) {
                        for (var notification : received) {
                            var signal = Signal.decode(notification.getParameter());
                            if (signal != null) {
                                deliver(receiver, signal);
                            }
                        }
                    }
                    if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                        statement.execute("select 1");
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                first = false;
                if (running && !warned) {
                    log.warn(
                            "Not listening for live signals ({}); trying again every {}",
                            e.getMessage(),
                            properties.reconnectDelay());
                    warned = true;
                }
                pause(properties.reconnectDelay());
            }
        }
        listening = false;
    }

    private static void deliver(Receiver receiver, Signal signal) {
        try {
            receiver.received(signal);
        } catch (RuntimeException e) {
            log.warn("A live signal could not be handled: {}", signal.kind(), e);
        }
    }

    private void sendQueued() {
        while (running || !outbox.isEmpty()) {
            Signal first;
            try {
                first = outbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            var batch = new ArrayList<Signal>();
            batch.add(first);
            outbox.drainTo(batch, BATCH - 1);
            // The same signal twice in a burst (a reply and the status change it made) goes once.
            var payloads = new LinkedHashSet<String>();
            batch.forEach(signal -> payloads.add(signal.encode()));
            try {
                db.sql("select pg_notify(?, payload) from unnest(?::text[]) as p(payload)")
                        .params(CHANNEL, payloads.toArray(String[]::new))
                        .query((rs, n) -> 1)
                        .list();
            } catch (DataAccessException e) {
                log.debug("Live signals not sent: {}", e.getMessage());
            }
        }
    }

    /** Waits without interrupting (an interrupt would close a connection in use); {@link #stop} wakes it. */
    private synchronized void pause(Duration duration) {
        if (!running) {
            return;
        }
        try {
            wait(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
