package org.followthrough.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.OpenCase;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.EmbeddedPostgres;
import org.followthrough.testing.AppNode;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Eventually;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two app nodes on one database, as behind a load balancer: a colleague on the other node is seen
 * viewing and typing, a new entry or case on one node reaches the pages open on the other, a case
 * out of an agent's reach cannot be watched, and all of it carries on after the database was away.
 */
class LiveAcrossNodesIntegrationTests {

    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path databaseDir;

    @TempDir
    Path nodeADir;

    @TempDir
    Path nodeBDir;

    private static ConfigurableApplicationContext node(EmbeddedPostgres database, Path dataDir) {
        return AppNode.start(
                database,
                dataDir,
                START,
                "--followthrough.cases.agent-visibility=TEAMS",
                "--followthrough.live.reconnect-delay=200ms");
    }

    private static AgentView agent(ConfigurableApplicationContext node, String name) {
        return node.getBean(AgentDesk.class)
                .create(
                        name.toLowerCase() + "@nodes.example",
                        name,
                        Role.AGENT,
                        ZoneOffset.UTC,
                        Fixtures.PASSWORD,
                        Actor.SYSTEM);
    }

    private static ConsoleClient console(ConfigurableApplicationContext node, AgentView agent) {
        return ConsoleClient.signedIn(AppNode.port(node), agent);
    }

    private static CaseView openCase(
            ConfigurableApplicationContext node, String subject, AgentView owner, TeamId team) {
        return node.getBean(CaseDesk.class)
                .openForSender(
                        "Ada Byron",
                        "ada@customer.example",
                        new OpenCase(
                                null,
                                subject,
                                "Hello",
                                Channel.EMAIL,
                                null,
                                team,
                                owner == null ? null : owner.id(),
                                Set.of()),
                        Actor.SYSTEM);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether a presence event names exactly these people as viewing (or typing). */
    private static boolean names(String presence, String field, List<String> expected) {
        Map<String, List<String>> people = JSON.readValue(presence, new TypeReference<Map<String, List<String>>>() {});
        return people.get(field).equals(expected);
    }

    @Test
    void colleaguesOnEitherNodeSeeEachOtherAndEveryChangeEvenAfterTheDatabaseWasAway() throws Exception {
        var database = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(databaseDir));
        int dbPort = database.port();
        try (var a = node(database, nodeADir);
                var b = node(database, nodeBDir)) {
            Eventually.until(
                    Duration.ofSeconds(20),
                    "both nodes listening",
                    () -> a.getBean(Signals.class).listening()
                            && b.getBean(Signals.class).listening());
            var ann = agent(a, "Ann");
            var bob = agent(a, "Bob");
            var carol = agent(a, "Carol");
            var agents = a.getBean(AgentDesk.class);
            var billing = agents.createTeam("Billing", Actor.SYSTEM);
            agents.setMembers(billing.id(), List.of(ann.id(), bob.id()), Actor.SYSTEM);
            var other = agents.createTeam("Shipping", Actor.SYSTEM);
            agents.setMembers(other.id(), List.of(carol.id()), Actor.SYSTEM);
            var escrow = openCase(a, "Escrow refund", ann, billing.id());
            var path = "/live/cases/" + escrow.number();

            var annOnA = console(a, ann);
            var bobOnB = console(b, bob);
            try (var bobStream = EventStream.open(bobOnB, path)) {
                assertThat(bobStream.status()).isEqualTo(200);
                bobStream.await("presence", p -> names(p, "viewing", List.of()));

                try (var annStream = EventStream.open(annOnA, path)) {
                    // Each sees the other, whichever node they are on; nobody sees themselves.
                    bobStream.await("presence", p -> names(p, "viewing", List.of("Ann")));
                    annStream.await("presence", p -> names(p, "viewing", List.of("Bob")));

                    var typing = annOnA.htmxPost(path + "/typing", Map.of());
                    assertThat(typing.statusCode()).isEqualTo(204);
                    bobStream.await("presence", p -> names(p, "typing", List.of("Ann")));

                    // A new entry committed on node A reaches the page open on node B.
                    int mark = bobStream.mark();
                    a.getBean(CaseDesk.class)
                            .recordInbound(escrow.id(), "The refund has not arrived.", Channel.EMAIL, Actor.SYSTEM);
                    bobStream.await("entry", data -> true, mark);
                    assertThat(bobStream.events())
                            .as("a stream never carries what was written")
                            .noneMatch(e -> e.data().contains("refund"));

                    // Sending her reply ends Ann's typing for everyone.
                    mark = bobStream.mark();
                    a.getBean(CaseDesk.class)
                            .reply(
                                    escrow.id(),
                                    "It is on its way.",
                                    Channel.EMAIL,
                                    null,
                                    Fixtures.signedIn(ann).actor());
                    bobStream.await("entry", data -> true, mark);
                    bobStream.await(
                            "presence",
                            p -> names(p, "typing", List.of()) && names(p, "viewing", List.of("Ann")),
                            mark);

                    // A node that stops announcing its viewers (it crashed) loses them once their time is up.
                    mark = bobStream.mark();
                    b.getBean(MutableClock.class).advance(Duration.ofSeconds(46));
                    b.getBean(LiveDesk.class).tick();
                    bobStream.await("presence", p -> names(p, "viewing", List.of()), mark);
                    annStream.close();
                }

                // Out of Carol's teams: the stream and the typing report are refused as the case page is.
                var carolOnB = console(b, carol);
                try (var refused = EventStream.open(carolOnB, path)) {
                    assertThat(refused.status()).isEqualTo(404);
                }
                assertThat(carolOnB.htmxPost(path + "/typing", Map.of()).statusCode())
                        .isEqualTo(404);
                assertThat(carolOnB.get("/cases/" + escrow.number() + "/timeline")
                                .statusCode())
                        .isEqualTo(404);

                // A case opened on node A tells the inboxes open on node B.
                try (var inbox = EventStream.open(bobOnB, "/live/inbox")) {
                    var since =
                            Long.parseLong(inbox.await("since", data -> true).data());
                    openCase(a, "A new one", null, billing.id());
                    inbox.await("cases", data -> true);
                    var bar = bobOnB.htmxGet("/live/inbox/new?view=OPEN&after=" + since);
                    assertThat(bar.body()).contains("1 new case");
                    var carolInbox = carolOnB.htmxGet("/live/inbox/new?view=OPEN&after=" + since);
                    assertThat(carolInbox.body())
                            .as("a case Carol may not see is not new to her")
                            .doesNotContain("new case");
                }

                // PostgreSQL goes away and comes back: both nodes listen again on their own.
                int beforeOutage = bobStream.mark();
                database.close();
                Eventually.until(
                        Duration.ofSeconds(20),
                        "node B noticed",
                        () -> !b.getBean(Signals.class).listening());
                database = EmbeddedPostgres.start(
                        EmbeddedPostgres.Settings.in(databaseDir).port(dbPort));
                Eventually.until(
                        Duration.ofSeconds(30),
                        "both nodes listening again",
                        () -> a.getBean(Signals.class).listening()
                                && b.getBean(Signals.class).listening());
                // What was signalled while away is lost: the pages are told to fetch again.
                bobStream.await("entry", data -> true, beforeOutage);
                var mark = bobStream.mark();
                Eventually.until(Duration.ofSeconds(30), "a write accepted after PostgreSQL is back", () -> {
                    try {
                        a.getBean(CaseDesk.class)
                                .recordInbound(escrow.id(), "Anyone there?", Channel.EMAIL, Actor.SYSTEM);
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
                bobStream.await("entry", data -> true, mark);
            }
        } finally {
            database.close();
        }
    }
}
