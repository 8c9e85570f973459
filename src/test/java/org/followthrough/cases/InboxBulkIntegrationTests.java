package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseDesk.BulkChange;
import org.followthrough.identity.Role;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Changes to many cases at once: checked case by case as single changes are, audited once. */
@IntegrationTest
class InboxBulkIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries queries;

    @Autowired
    AuditLog audit;

    @Test
    void anAgentChangesTheCasesTheyMayAndIsToldWhichOthersWereRefusedAndWhy() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Owned by Ann"));
        var ann = team.ann();
        var bob = team.bob();
        var first = fixtures.aCase().inTeam(team.team()).tagged("billing").open();
        var second = fixtures.aCase().inTeam(team.team()).open();
        var bobs = fixtures.aCase().ownedBy(bob).inTeam(team.team()).open();
        var auditBefore = audit.forEntity("case", first.id().value()).size();

        var result = desk.changeMany(
                new BulkChange(
                        List.of(first.id(), second.id(), bobs.id()),
                        ann.id(),
                        null,
                        Priority.HIGH,
                        null,
                        Set.of("vip"),
                        Set.of("billing")),
                Fixtures.signedIn(ann).actor());

        assertThat(result.changed()).extracting(CaseView::id).containsExactly(first.id(), second.id());
        assertThat(result.refused()).hasSize(1);
        assertThat(result.refused().getFirst().caseId()).isEqualTo(bobs.id());
        assertThat(result.refused().getFirst().number()).isEqualTo(bobs.number());
        assertThat(result.refused().getFirst().reason()).contains("owned by a colleague");

        var changed = queries.get(first.id());
        assertThat(changed.people().ownerId()).isEqualTo(ann.id());
        assertThat(changed.priority()).isEqualTo(Priority.HIGH);
        assertThat(changed.tags()).containsExactly("vip");
        var untouched = queries.get(bobs.id());
        assertThat(untouched.people().ownerId()).isEqualTo(bob.id());
        assertThat(untouched.priority()).isEqualTo(Priority.NORMAL);
        assertThat(untouched.tags()).isEmpty();

        // Each changed case's timeline has its usual events; the audit log has the one operation.
        assertThat(queries.timeline(first.id()))
                .extracting(TimelineEntry::eventType)
                .contains("owner_changed", "priority_changed", "tags_changed");
        assertThat(queries.timeline(bobs.id()))
                .extracting(TimelineEntry::eventType)
                .doesNotContain("owner_changed");
        assertThat(audit.forEntity("case", first.id().value())).hasSize(auditBefore);
        var operation = audit.forEntity("case_bulk", result.id());
        assertThat(operation).hasSize(1);
        assertThat(operation.getFirst().action()).isEqualTo("bulk_updated");
        assertThat(operation.getFirst().after())
                .contains(
                        first.id().value().toString(),
                        second.id().value().toString(),
                        bobs.id().value().toString())
                .contains("owned by a colleague");
    }

    @Test
    void aSupervisorReassignsTheirTeamsCasesButNotAnotherTeams() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c);
        var elsewhere = fixtures.annOwnsACaseInHerTeam(c -> c);
        var result = desk.changeMany(
                new BulkChange(
                        List.of(team.escrow().id(), elsewhere.escrow().id()),
                        team.bob().id(),
                        null,
                        null,
                        null,
                        null,
                        null),
                Fixtures.signedIn(team.sue()).actor());
        assertThat(result.changed())
                .extracting(CaseView::id)
                .containsExactly(team.escrow().id());
        assertThat(result.refused())
                .extracting(CaseDesk.Refusal::caseId)
                .containsExactly(elsewhere.escrow().id());
        assertThat(result.refused().getFirst().reason()).contains("not in a team you supervise");
        assertThat(queries.get(elsewhere.escrow().id()).people().ownerId())
                .isEqualTo(elsewhere.ann().id());
    }

    @Test
    void aBulkChangeNamesWhatIsWrongWithIt() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var by = Fixtures.signedIn(ann).actor();
        assertThatThrownBy(() ->
                        desk.changeMany(new BulkChange(List.of(), null, CaseStatus.OPEN, null, null, null, null), by))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cases"));
        assertThatThrownBy(
                        () -> desk.changeMany(new BulkChange(List.of(c.id()), null, null, null, null, null, null), by))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("changes"));
        var many = Collections.nCopies(CaseDesk.MAX_BULK + 1, c.id()).stream()
                .map(id -> new CaseId(Ids.newId()))
                .toList();
        assertThatThrownBy(
                        () -> desk.changeMany(new BulkChange(many, null, CaseStatus.OPEN, null, null, null, null), by))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cases"));

        var console = ConsoleClient.signedIn(port, ann);
        console.get("/");
        var nothingTicked = console.post("/cases/bulk", Map.of("priority", "HIGH"));
        assertThat(nothingTicked.statusCode()).isEqualTo(422);
        assertThat(nothingTicked.body()).contains("cases");
        var badStatus = console.post("/cases/bulk", Map.of("case", String.valueOf(c.number()), "status", "SLEEPING"));
        assertThat(badStatus.statusCode()).isEqualTo(422);
        assertThat(badStatus.body()).contains("status must be one of");
        assertThat(queries.get(c.id()).status()).isEqualTo(c.status());
    }
}
