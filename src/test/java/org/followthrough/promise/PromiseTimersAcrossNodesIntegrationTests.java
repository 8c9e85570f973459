package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.OpenCase;
import org.followthrough.cases.Channel;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.platform.EmbeddedPostgres;
import org.followthrough.testing.AppNode;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two app nodes on one PostgreSQL, both firing timers at once: every reminder and every breach
 * happens exactly once, and timers outlive the node that set them.
 */
class PromiseTimersAcrossNodesIntegrationTests {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final int PROMISES = 120;

    @TempDir
    Path databaseDir;

    @TempDir
    Path nodeADir;

    @TempDir
    Path nodeBDir;

    @TempDir
    Path nodeCDir;

    /** A node on the shared database; like every {@link AppNode}, it fires timers only when the test says so. */
    private static ConfigurableApplicationContext node(EmbeddedPostgres database, Path dataDir) {
        return AppNode.start(database, dataDir, START, "--followthrough.timers.batch-size=7");
    }

    @Test
    void twoNodesRemindAndBreakEachPromiseExactlyOnceAndTimersSurviveARestart() throws Exception {
        try (var database = EmbeddedPostgres.start(databaseDir, 0, "followthrough", true);
                var a = node(database, nodeADir);
                var b = node(database, nodeBDir)) {
            var ann = a.getBean(AgentDesk.class)
                    .create("ann@nodes.example", "Ann", Role.AGENT, ZoneOffset.UTC, Fixtures.PASSWORD, Actor.SYSTEM);
            var customer = a.getBean(CustomerDesk.class)
                    .create(CustomerDetails.named("Maria Lopez", "maria@nodes.example"), Actor.SYSTEM);
            var desk = a.getBean(CaseDesk.class);
            var promises = a.getBean(PromiseDesk.class);
            var made = new ArrayList<PromiseView>();
            for (int i = 0; i < PROMISES; i++) {
                var c = desk.open(
                        new OpenCase(customer.id(), "Case " + i, "Help", Channel.EMAIL, null, null, ann.id(), Set.of()),
                        Actor.SYSTEM);
                made.add(promises.make(
                        new PromiseDesk.MakePromise(
                                c.id(), "Call back " + i, START.plus(Duration.ofHours(8)), null, null),
                        Fixtures.signedIn(ann).actor()));
            }

            // Past every reminder, then past every due time: both nodes fire at the same moment.
            var reminders = fireTogether(a, b, START.plus(Duration.ofHours(7)));
            var breaches = fireTogether(a, b, START.plus(Duration.ofHours(8)).plusSeconds(1));

            // Each node fired some of them, and together exactly one per promise: none fired twice.
            assertThat(reminders.byA() + reminders.byB()).isEqualTo(PROMISES);
            assertThat(breaches.byA() + breaches.byB()).isEqualTo(PROMISES);
            assertThat(reminders.byA() + breaches.byA())
                    .as("timers fired by node A (reminders %s, breaches %s)", reminders, breaches)
                    .isPositive();
            assertThat(reminders.byB() + breaches.byB())
                    .as("timers fired by node B (reminders %s, breaches %s)", reminders, breaches)
                    .isPositive();
            var db = a.getBean(JdbcClient.class);
            assertThat(db.sql("select count(*) from promise where state = 'BROKEN' and reminded_at is not null")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(PROMISES);
            assertThat(db.sql("select count(*) from case_entry where event_type = 'promise_broken'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(PROMISES);
            assertThat(db.sql("select count(*) from audit_event where entity_type = 'promise' and action = 'broken'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(PROMISES);
            assertThat(db.sql("select count(*) from timer").query(Integer.class).single())
                    .isZero();

            // A timer set through one node fires on another started after it went away.
            var last = promises.make(
                    new PromiseDesk.MakePromise(
                            made.getFirst().supportCase().id(),
                            "Send the corrected statement",
                            START.plus(Duration.ofDays(2)),
                            null,
                            null),
                    Fixtures.signedIn(ann).actor());
            a.close();
            try (var c = node(database, nodeCDir)) {
                c.getBean(MutableClock.class).set(START.plus(Duration.ofDays(3)));
                c.getBean(TimerRunner.class).runDue();
                assertThat(c.getBean(PromiseQueries.class).get(last.id()).state())
                        .isEqualTo(PromiseState.BROKEN);
            }
        }
    }

    private record Fired(int byA, int byB) {}

    /** Sets both nodes' clocks and lets them fire concurrently; returns how many timers each fired. */
    private static Fired fireTogether(ConfigurableApplicationContext a, ConfigurableApplicationContext b, Instant at)
            throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(4)) {
            var nodes = List.of(a, b, a, b);
            List<Future<Integer>> runs = new ArrayList<>();
            for (var node : nodes) {
                node.getBean(MutableClock.class).set(at);
                runs.add(pool.submit(() -> {
                    start.await();
                    return node.getBean(TimerRunner.class).runDue();
                }));
            }
            start.countDown();
            int byA = 0;
            int byB = 0;
            for (int i = 0; i < runs.size(); i++) {
                int fired = runs.get(i).get();
                if (nodes.get(i) == a) {
                    byA += fired;
                } else {
                    byB += fired;
                }
            }
            return new Fired(byA, byB);
        }
    }
}
