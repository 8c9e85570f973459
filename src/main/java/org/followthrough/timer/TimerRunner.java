package org.followthrough.timer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.followthrough.platform.ConnectionPools;
import org.followthrough.platform.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due timers. Every node runs one; they share the work through {@code for update skip
 * locked}: a node takes a batch of due timers the others are not holding, runs each handler in a
 * savepoint and deletes the timers that fired, all in one transaction. A timer whose handler fails
 * is rolled back to its savepoint and moved {@code retryDelay} later with the error kept.
 */
@Component
@EnableConfigurationProperties(TimerProperties.class)
public class TimerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TimerRunner.class);

    private final JdbcClient db;
    private final Map<String, TimerHandler> handlers;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final TimerProperties properties;
    private final Clock clock;
    private volatile Thread worker;
    private volatile boolean running;

    TimerRunner(
            JdbcClient db,
            List<TimerHandler> handlers,
            PlatformTransactionManager transactions,
            TimerProperties properties,
            Clock clock) {
        this.db = db;
        this.handlers =
                handlers.stream().collect(Collectors.toUnmodifiableMap(TimerHandler::kind, Function.identity()));
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
        this.clock = clock;
    }

    private record Due(String kind, UUID subject, Instant dueAt, int attempts) {}

    /**
     * Fires every timer due by the clock's now, batch by batch, until none is left that another
     * node is not already firing. Returns how many fired. Its connections come from the background
     * pool, which pages cannot exhaust.
     */
    public int runDue() {
        return ConnectionPools.inBackground(this::fireAllDue);
    }

    private int fireAllDue() {
        int fired = 0;
        while (true) {
            Integer n = batch.execute(status -> runBatch());
            if (n == null || n < 0) {
                return fired;
            }
            fired += n;
        }
    }

    /** One batch; -1 when there was nothing to take. */
    private int runBatch() {
        var now = clock.instant();
        var due = db.sql("""
                select kind, subject_id, due_at, attempts from timer
                where due_at <= ?
                order by due_at
                limit ?
                for update skip locked""")
                .params(Sql.ts(now), properties.batchSize())
                .query((rs, n) -> new Due(
                        rs.getString("kind"),
                        Sql.uuid(rs, "subject_id"),
                        Sql.instant(rs, "due_at"),
                        rs.getInt("attempts")))
                .list();
        if (due.isEmpty()) {
            return -1;
        }
        var done = new ArrayList<Due>(due.size());
        int fired = 0;
        for (var timer : due) {
            var handler = handlers.get(timer.kind());
            try {
                if (handler == null) {
                    throw new IllegalStateException("no handler for timers of kind " + timer.kind());
                }
                savepoint.executeWithoutResult(status -> handler.fire(timer.subject(), timer.dueAt()));
                done.add(timer);
                fired++;
            } catch (RuntimeException e) {
                log.warn(
                        "Timer {} for {} failed (attempt {}); trying again in {}",
                        timer.kind(),
                        timer.subject(),
                        timer.attempts() + 1,
                        properties.retryDelay(),
                        e);
                db.sql("""
                        update timer set due_at = ?, attempts = attempts + 1, last_error = left(?, 2000)
                        where kind = ? and subject_id = ? and due_at = ?""")
                        .params(
                                Sql.ts(now.plus(properties.retryDelay())),
                                String.valueOf(e),
                                timer.kind(),
                                timer.subject(),
                                Sql.ts(timer.dueAt()))
                        .update();
            }
        }
        if (!done.isEmpty()) {
            // A handler may have set the same timer again (a later reminder): only the ones that fired
            // go, matched by their due time, all in one statement.
            db.sql("""
                    delete from timer t
                    using unnest(?::text[], ?::uuid[], ?::text[]) as d(kind, subject_id, due_at)
                    where t.kind = d.kind and t.subject_id = d.subject_id and t.due_at = d.due_at::timestamptz""")
                    .params(
                            done.stream().map(Due::kind).toArray(String[]::new),
                            done.stream().map(Due::subject).toArray(UUID[]::new),
                            done.stream().map(t -> t.dueAt().toString()).toArray(String[]::new))
                    .update();
        }
        return fired;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Timers are not fired on this node (followthrough.timers.enabled=false)");
            return;
        }
        running = true;
        worker = Thread.ofVirtual().name("timers").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                if (runDue() == 0) {
                    pause(properties.pollInterval().toMillis());
                }
            } catch (RuntimeException e) {
                log.error("Firing timers failed; trying again shortly", e);
                pause(properties.pollInterval().toMillis() * 4);
            }
        }
    }

    /**
     * Waits without interrupting: an interrupt would close the database connection the worker may
     * be using. {@link #stop()} wakes it instead.
     */
    private synchronized void pause(long millis) {
        if (!running) {
            return;
        }
        try {
            wait(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        var thread = worker;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
