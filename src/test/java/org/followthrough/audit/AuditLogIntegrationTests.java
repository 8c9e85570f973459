package org.followthrough.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.Priority;
import org.followthrough.identity.Role;
import org.followthrough.platform.Keyset;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AuditLogIntegrationTests {

    @Autowired
    AuditQueries audit;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDesk desk;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    @Test
    void filtersByActorCaseAndDaysNameEveryoneAndPageWithoutRepeatingOrSkipping() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Audited boiler " + Fixtures.unique("s")));
        var c = team.escrow();
        var ann = Fixtures.signedIn(team.ann()).actor();
        var priorities = List.of(Priority.HIGH, Priority.URGENT, Priority.LOW, Priority.NORMAL, Priority.HIGH);
        for (var priority : priorities) {
            desk.change(c.id(), new CaseDesk.CaseChanges(null, null, null, priority, null, null), ann);
        }
        // Ann's supervisor gives the case to Bob.
        desk.change(
                c.id(),
                CaseDesk.CaseChanges.owner(team.bob().id()),
                Fixtures.signedIn(team.sue()).actor());
        var other = fixtures.aCase().ownedBy(team.ann()).open();
        desk.change(other.id(), new CaseDesk.CaseChanges(null, null, null, Priority.URGENT, null, null), ann);

        // By actor: only what Ann did, on both cases, newest first.
        var byAnn = audit.page(new AuditFilter(null, team.ann().id().value(), false, null, null, null), null, 100);
        assertThat(byAnn.items())
                .hasSize(6)
                .allSatisfy(e -> assertThat(e.who().name()).isEqualTo(team.ann().displayName()));
        assertThat(byAnn.items().getFirst().subject().label()).isEqualTo("#" + other.number() + " " + other.subject());

        // By case: it was opened (by the system) and changed six times; ids became names.
        var onCase = audit.page(new AuditFilter(null, null, false, c.number(), null, null), null, 100);
        assertThat(onCase.items()).hasSize(7);
        assertThat(onCase.items().getLast().action()).isEqualTo("opened");
        var reassigned = onCase.items().getFirst();
        assertThat(reassigned.who().name()).isEqualTo(team.sue().displayName());
        assertThat(reassigned.action()).isEqualTo("reassigned_by_supervisor");
        assertThat(reassigned.subject().label()).isEqualTo("#" + c.number() + " " + c.subject());
        assertThat(reassigned.subject().href()).isEqualTo("/cases/" + c.number());
        assertThat(reassigned.changes()).singleElement().satisfies(change -> {
            assertThat(change.field()).isEqualTo("owner");
            assertThat(change.before().text()).isEqualTo(team.ann().displayName());
            assertThat(change.after().text()).isEqualTo(team.bob().displayName());
        });
        var raised = onCase.items().get(onCase.items().size() - 2);
        assertThat(raised.changes()).singleElement().satisfies(change -> {
            assertThat(change.field()).isEqualTo("priority");
            assertThat(change.before().text()).isEqualTo("normal");
            assertThat(change.after().text()).isEqualTo("high");
        });
        var opened = onCase.items().getLast();
        assertThat(opened.changes())
                .extracting(AuditEntry.Change::field)
                .contains("subject", "owner", "team", "customer");
        assertThat(opened.changes())
                .filteredOn(change -> change.field().equals("team"))
                .singleElement()
                .satisfies(change -> assertThat(change.after().text()).doesNotMatch("[0-9a-f-]{36}"));

        // Pages of three: every event once, in the same order as one long page.
        var pages = new ArrayList<AuditEntry>();
        String cursor = null;
        int count = 0;
        do {
            var page = audit.page(new AuditFilter(null, null, false, c.number(), null, null), cursor, 3);
            pages.addAll(page.items());
            cursor = page.nextCursor();
            count++;
        } while (cursor != null);
        assertThat(count).isEqualTo(3);
        assertThat(pages)
                .extracting(AuditEntry::id)
                .containsExactlyElementsOf(
                        onCase.items().stream().map(AuditEntry::id).toList());

        // By days: two days later, a change; from then on only that one is in range.
        clock.advance(Duration.ofDays(2));
        var since = clock.instant().minusSeconds(60);
        desk.change(c.id(), new CaseDesk.CaseChanges(null, null, null, Priority.LOW, null, null), ann);
        var recent = audit.page(new AuditFilter(null, null, false, c.number(), since, null), null, 100);
        assertThat(recent.items())
                .singleElement()
                .satisfies(e -> assertThat(e.occurredAt()).isAfter(since));
        var earlier = audit.page(new AuditFilter(null, null, false, c.number(), null, since), null, 100);
        assertThat(earlier.items()).hasSize(7);
    }

    @Test
    void aFilterThatCannotBeReadIsSaidSoOnThePageNeverA500() {
        fixtures.aCase().open();
        var admin = ConsoleClient.signedIn(port, fixtures.agent(Role.ADMIN));
        var cases = List.of(
                List.of("case=abc", "A case is given by its number"),
                List.of("from=2026-13-45", "The first day is not a date"),
                List.of("to=yesterday", "The last day is not a date"),
                List.of("from=2026-12-09&to=2026-12-01", "The first day must not be after the last day"),
                List.of("actor=nobody", "Pick who did it from the list"),
                List.of("entity=spaceship", "Pick what to show from the list"),
                List.of("cursor=" + Keyset.of("x").encode(), "start again from the newest"));
        for (var bad : cases) {
            var response = admin.get("/admin/audit?" + bad.get(0));
            assertThat(response.statusCode()).as(bad.get(0)).isEqualTo(400);
            assertThat(response.body()).as(bad.get(0)).contains(bad.get(1)).contains("id=\"audit-problem\"");
        }
        var unknownCase = admin.get("/admin/audit?case=%23987654321");
        assertThat(unknownCase.statusCode()).isEqualTo(200);
        assertThat(unknownCase.body()).contains("There is no case with that number");
        var fine = admin.get("/admin/audit?case=&from=&to=&actor=system&entity=case");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body())
                .doesNotContain("id=\"audit-problem\"")
                .contains("class=\"audit-entry\"")
                .contains("opened");
    }
}
