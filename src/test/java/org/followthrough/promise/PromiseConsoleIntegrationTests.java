package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.EntryKind;
import org.followthrough.identity.Role;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PromiseConsoleIntegrationTests {

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
    CaseDesk desk;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerRunner timers;

    private static String local(Instant instant) {
        // Test agents work in Berlin time.
        return instant.atZone(ZoneId.of("Europe/Berlin"))
                .toLocalDateTime()
                .withSecond(0)
                .withNano(0)
                .toString();
    }

    @Test
    void aPromiseMadeInAReplyIsSavedWithTheReplyAndShownOnTheCase() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var console = ConsoleClient.signedIn(port, ann);
        var due = clock.instant().plus(Duration.ofDays(1));
        var response = console.htmxPost(
                "/cases/" + c.number() + "/reply",
                Map.of(
                        "body", "I will call you tomorrow with the county's answer.",
                        "channel", "EMAIL",
                        "recordUndelivered", "true",
                        "promise.description", "Call back with the county's answer",
                        "promise.dueAt", local(due)));
        assertThat(response.statusCode()).isEqualTo(200);
        var made = promiseQueries.ofCase(c.id());
        assertThat(made).singleElement().satisfies(p -> {
            assertThat(p.description()).isEqualTo("Call back with the county's answer");
            assertThat(p.made().inEntryId())
                    .isEqualTo(cases.timeline(c.id()).stream()
                            .filter(e -> e.kind() == EntryKind.REPLY)
                            .findFirst()
                            .orElseThrow()
                            .id());
        });
        var panel = console.htmxGet("/cases/" + c.number() + "/promises");
        assertThat(panel.body()).contains("What we promised").contains("Call back with the county&#39;s answer");
    }

    @Test
    void aReplyThatReopensAResolvedCaseCanCarryAPromise() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        desk.change(
                c.id(),
                CaseDesk.CaseChanges.status(CaseStatus.RESOLVED),
                Fixtures.signedIn(ann).actor());
        var console = ConsoleClient.signedIn(port, ann);
        var response = console.htmxPost(
                "/cases/" + c.number() + "/reply",
                Map.of(
                        "body", "Sorry, one more thing: I will send the corrected invoice tomorrow.",
                        "recordUndelivered", "true",
                        "promise.description", "Send the corrected invoice",
                        "promise.dueAt", local(clock.instant().plus(Duration.ofDays(1)))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.OPEN);
        assertThat(promiseQueries.ofCase(c.id()))
                .singleElement()
                .satisfies(p -> assertThat(p.description()).isEqualTo("Send the corrected invoice"));
    }

    @Test
    void aPromiseWithoutADueTimeRefusesTheWholeReply() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var console = ConsoleClient.signedIn(port, ann);
        var response = console.htmxPost(
                "/cases/" + c.number() + "/reply",
                Map.of(
                        "body",
                        "I'll send the label.",
                        "recordUndelivered",
                        "true",
                        "promise.description",
                        "Send the return label"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("promise.dueAt");
        assertThat(promiseQueries.ofCase(c.id())).isEmpty();
        assertThat(cases.timeline(c.id())).noneMatch(e -> "I'll send the label.".equals(e.body()));
    }

    @Test
    void keepingFromThePanelAsksTheCaseAndItsPromisesToReload() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var p = promises.make(
                new MakePromise(c.id(), "Send a replacement", clock.instant().plus(Duration.ofHours(6)), null, null),
                Fixtures.signedIn(ann).actor());
        var console = ConsoleClient.signedIn(port, ann);
        var response = console.htmxPost("/promises/" + p.id() + "/keep", Map.of("note", "Courier picked it up"));
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("HX-Trigger")).hasValue("case-changed, promises-changed");
        assertThat(promiseQueries.get(p.id()).state()).isEqualTo(PromiseState.KEPT);
    }

    @Test
    void aColleagueCannotReleaseSomeoneElsesPromiseFromTheConsole() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var p = promises.make(
                new MakePromise(
                        c.id(), "Refund the delivery fee", clock.instant().plus(Duration.ofHours(6)), null, null),
                Fixtures.signedIn(ann).actor());
        var bob = fixtures.agent(Role.AGENT);
        var console = ConsoleClient.signedIn(port, bob);
        var response = console.htmxPost("/promises/" + p.id() + "/release", Map.of("note", "not needed"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(promiseQueries.get(p.id()).state()).isEqualTo(PromiseState.OPEN);
    }

    @Test
    void needsYouNowShowsWhatIsDueSoonAndSupervisorsSeeTheirTeamsBrokenPromises() {
        var ann = fixtures.agent(Role.AGENT);
        var sue = fixtures.agent(Role.SUPERVISOR);
        var team = fixtures.team(ann, sue);
        var c = fixtures.aCase().ownedBy(ann).inTeam(team).open();
        var p = promises.make(
                new MakePromise(
                        c.id(), "Confirm the new delivery slot", clock.instant().plus(Duration.ofHours(4)), null, null),
                Fixtures.signedIn(ann).actor());
        var annConsole = ConsoleClient.signedIn(port, ann);
        assertThat(annConsole.htmxGet("/needs-you").body()).doesNotContain("Confirm the new delivery slot");

        clock.set(p.reminder().at().plusSeconds(1));
        timers.runDue();
        assertThat(annConsole.htmxGet("/needs-you").body())
                .contains("Confirm the new delivery slot")
                .contains("due soon");
        var count = annConsole.htmxGet("/needs-you/count");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(count.body()).containsPattern("class=\"count\">1<");

        var sueConsole = ConsoleClient.signedIn(port, sue);
        assertThat(sueConsole.htmxGet("/needs-you").body()).doesNotContain("Confirm the new delivery slot");
        clock.set(p.dueAt().plusSeconds(1));
        timers.runDue();
        assertThat(sueConsole.htmxGet("/needs-you").body())
                .contains("Confirm the new delivery slot")
                .contains(">broken<");
        assertThat(sueConsole.get("/promises?view=broken&scope=team").body()).contains("Confirm the new delivery slot");
        assertThat(annConsole.get("/promises?view=broken").body()).contains("Confirm the new delivery slot");
    }
}
