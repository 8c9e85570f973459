package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.EntryKind;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A reply that keeps the promises it answers, and a refusal to resolve that says what is open. */
@IntegrationTest
class ComposerKeepsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    CaseQueries cases;

    @Autowired
    MutableClock clock;

    @Test
    void aReplyThatKeepsTheLastPromiseResolvesTheCaseInOneStep() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Shipping label"));
        var promise = promiseOn(team, "Send the shipping label");
        var ann = ConsoleClient.signedIn(port, team.ann());

        var response = ann.htmxPost(
                "/cases/" + team.escrow().number() + "/reply",
                Map.of(
                        "body", "Here is your label.",
                        "then", "RESOLVED",
                        "promise.keeps", promise.id().value().toString(),
                        "recordUndelivered", "true"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cases.get(team.escrow().id()).status()).isEqualTo(CaseStatus.RESOLVED);
        var reply = cases.timeline(team.escrow().id()).stream()
                .filter(e -> e.kind() == EntryKind.REPLY)
                .findFirst()
                .orElseThrow();
        var kept = promiseQueries.get(promise.id());
        assertThat(kept.state()).isEqualTo(PromiseState.KEPT);
        assertThat(kept.outcome().keptEntryId()).isEqualTo(reply.id());
    }

    @Test
    void resolvingWithAnOpenPromiseIsRefusedNamingItAndWritesNothing() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Replacement charger"));
        var promise = promiseOn(team, "Send a replacement charger");
        var number = team.escrow().number();
        var ann = ConsoleClient.signedIn(port, team.ann());

        var response = ann.htmxPost(
                "/cases/" + number + "/reply",
                Map.of("body", "Sorted, I think.", "then", "RESOLVED", "recordUndelivered", "true"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("HX-Retarget")).hasValue("#flash");
        assertThat(response.headers().firstValue("HX-Trigger")).hasValue("case-refused");
        assertThat(response.body())
                .contains("Send a replacement charger")
                .contains("refused at")
                .contains("/cases/" + number + "/promises/unsettled");
        assertThat(cases.get(team.escrow().id()).status()).isEqualTo(CaseStatus.OPEN);
        assertThat(cases.timeline(team.escrow().id())).noneMatch(e -> e.kind() == EntryKind.REPLY);
        assertThat(promiseQueries.get(promise.id()).state()).isEqualTo(PromiseState.OPEN);

        var open = ann.htmxGet("/cases/" + number + "/promises/unsettled").body();
        assertThat(open)
                .contains("Send a replacement charger")
                .contains(team.ann().displayName())
                .contains("/promises/" + promise.id().value() + "/keep")
                .contains("/promises/" + promise.id().value() + "/release")
                .contains("#renegotiate-" + promise.id().value());
        var toKeep = ann.htmxGet("/cases/" + number + "/promises/to-keep?promise.keeps="
                        + promise.id().value())
                .body();
        assertThat(toKeep).contains("Send a replacement charger").contains("checked");
    }

    @Test
    void aReplyCannotKeepAPromiseOfAnotherCase() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("First case"));
        var other = fixtures.annOwnsACaseInHerTeam(c -> c.about("Other case"));
        var elsewhere = promiseOn(other, "Call back about the other case");
        var ann = ConsoleClient.signedIn(port, team.ann());

        var response = ann.htmxPost(
                "/cases/" + team.escrow().number() + "/reply",
                Map.of(
                        "body",
                        "Done.",
                        "promise.keeps",
                        elsewhere.id().value().toString(),
                        "recordUndelivered",
                        "true"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("promise.keeps");
        assertThat(promiseQueries.get(elsewhere.id()).state()).isEqualTo(PromiseState.OPEN);
        assertThat(cases.timeline(team.escrow().id())).noneMatch(e -> e.kind() == EntryKind.REPLY);
    }

    private PromiseView promiseOn(Fixtures.TeamCase team, String what) {
        return promises.make(
                new PromiseDesk.MakePromise(
                        team.escrow().id(), what, clock.instant().plus(Duration.ofDays(2)), null, null),
                Fixtures.signedIn(team.ann()).actor());
    }
}
