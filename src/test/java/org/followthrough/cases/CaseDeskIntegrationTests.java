package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class CaseDeskIntegrationTests {

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries queries;

    @Autowired
    InboxQueries inbox;

    @Autowired
    AuditLog audit;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient db;

    @Test
    void openingACaseRecordsTheCustomersMessageAndAnAuditEntry() {
        var c = fixtures.aCase()
                .about("Property tax not paid")
                .saying("The county says unpaid.")
                .open();
        assertThat(c.number()).isGreaterThan(1000);
        assertThat(c.status()).isEqualTo(CaseStatus.NEW);
        var timeline = queries.timeline(c.id());
        assertThat(timeline).first().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EntryKind.INBOUND);
            assertThat(e.author().type()).isEqualTo(Actor.Type.CUSTOMER);
            assertThat(e.visibleToCustomer()).isTrue();
            assertThat(e.body()).isEqualTo("The county says unpaid.");
        });
        assertThat(audit.forEntity("case", c.id().value()))
                .extracting(e -> e.action())
                .containsExactly("opened");
    }

    @Test
    void aReplyTriagesAnUnownedCaseAndCanLeaveItWaiting() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().open();
        clock.advance(Duration.ofMinutes(3));
        desk.reply(
                c.id(),
                "We are on it.",
                Channel.EMAIL,
                CaseStatus.WAITING_ON_CUSTOMER,
                Fixtures.signedIn(ann).actor());
        var after = queries.get(c.id());
        assertThat(after.people().ownerId()).isEqualTo(ann.id());
        assertThat(after.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
        assertThat(after.clock().lastActivityAt()).isEqualTo(clock.instant());
        assertThat(queries.timeline(c.id()))
                .filteredOn(e -> e.kind() == EntryKind.EVENT)
                .extracting(TimelineEntry::eventType)
                .contains("owner_changed", "status_changed");
    }

    @Test
    void theCustomerWritingAgainWakesAWaitingCaseAndReopensAResolvedOne() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var me = Fixtures.signedIn(ann);
        desk.change(c.id(), CaseChanges.status(CaseStatus.WAITING_ON_CUSTOMER), me.actor());
        desk.recordInbound(c.id(), "Here is the document.", Channel.EMAIL, Actor.SYSTEM);
        assertThat(queries.get(c.id()).status()).isEqualTo(CaseStatus.OPEN);
        desk.change(c.id(), CaseChanges.status(CaseStatus.RESOLVED), me.actor());
        desk.recordInbound(c.id(), "It broke again.", Channel.EMAIL, Actor.SYSTEM);
        assertThat(queries.get(c.id()).status()).isEqualTo(CaseStatus.OPEN);
    }

    @Test
    void anIllegalTransitionIsRefusedAndChangesNothing() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var entries = queries.entryCount(c.id());
        assertThatThrownBy(() -> desk.change(
                        c.id(),
                        new CaseChanges(null, CaseStatus.CLOSED, null, Priority.URGENT, null, null),
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOf(ConflictException.class);
        var after = queries.get(c.id());
        assertThat(after.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(after.priority()).isEqualTo(Priority.NORMAL);
        assertThat(queries.entryCount(c.id())).isEqualTo(entries);
    }

    @Test
    void onlyAnAgentWorksACaseAndWithTheRoleTheyHave() {
        var ann = fixtures.agent(Role.AGENT);
        var bob = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        var entries = queries.entryCount(c.id());
        var customer =
                Actor.customer(c.people().customerId().value(), c.people().customerName());
        assertThatThrownBy(() -> desk.reply(c.id(), "Done.", Channel.EMAIL, null, Actor.SYSTEM))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> desk.note(c.id(), "Noted.", customer)).isInstanceOf(ForbiddenException.class);
        // Who acted is looked up: calling Bob a supervisor gives him no supervisor's powers.
        assertThatThrownBy(() -> desk.change(
                        c.id(),
                        CaseChanges.owner(bob.id()),
                        Actor.agent(bob.id().value(), "Bob (supervisor)")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(queries.get(c.id()).people().ownerId()).isEqualTo(ann.id());
        assertThat(queries.entryCount(c.id())).isEqualTo(entries);
    }

    @Test
    void onlyASupervisorTakesACaseAwayFromTheColleagueWhoOwnsIt() {
        var ann = fixtures.agent(Role.AGENT);
        var bob = fixtures.agent(Role.AGENT);
        var sue = fixtures.agent(Role.SUPERVISOR);
        var c = fixtures.aCase().ownedBy(ann).inTeam(fixtures.team(sue)).open();
        assertThatThrownBy(() -> desk.take(c.id(), Fixtures.signedIn(bob).actor()))
                .isInstanceOf(ForbiddenException.class);
        desk.change(c.id(), CaseChanges.owner(bob.id()), Fixtures.signedIn(sue).actor());
        assertThat(queries.get(c.id()).people().ownerId()).isEqualTo(bob.id());
        // Bob now owns it: passing it on is a handoff, not a direct change.
        assertThatThrownBy(() -> desk.change(
                        c.id(),
                        CaseChanges.owner(ann.id()),
                        Fixtures.signedIn(bob).actor()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("handoff");
        assertThat(queries.get(c.id()).people().ownerId()).isEqualTo(bob.id());
    }

    @Test
    void aCallNeedsADirectionAndASensibleDuration() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).open();
        assertThatThrownBy(() -> desk.logCall(
                        c.id(),
                        CallDirection.INBOUND,
                        Duration.ofHours(30),
                        "x",
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("durationSeconds");
        var entry = desk.logCall(
                c.id(),
                CallDirection.OUTBOUND,
                Duration.ofSeconds(245),
                "Called back as promised.",
                Fixtures.signedIn(ann).actor());
        assertThat(entry.callDuration()).isEqualTo(Duration.ofSeconds(245));
        assertThat(entry.visibleToCustomer()).isFalse();
    }

    @Test
    void theTimelineCannotBeRewritten() {
        var c = fixtures.aCase().open();
        assertThatThrownBy(() -> db.sql("update case_entry set body = 'changed' where case_id = ?")
                        .param(c.id().value())
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void inboxViewsPageByKeysetWithoutGapsOrRepeats() {
        var ann = fixtures.agent(Role.AGENT);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            fixtures.aCase()
                    .ownedBy(ann)
                    .withPriority(i % 2 == 0 ? Priority.HIGH : Priority.LOW)
                    .open();
        }
        var viewer = new CaseQueries.Viewer(ann.id(), List.of());
        for (var sort : InboxSort.values()) {
            var seen = new ArrayList<CaseView>();
            String cursor = null;
            do {
                var page = inbox.inbox(InboxView.MINE, viewer, sort, cursor, 3);
                seen.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(seen).hasSize(7).doesNotHaveDuplicates();
            switch (sort) {
                case PRIORITY ->
                    assertThat(seen.subList(0, 4))
                            .allSatisfy(v -> assertThat(v.priority()).isEqualTo(Priority.HIGH));
                case ACTIVITY, PROMISE ->
                    assertThat(seen)
                            .isSortedAccordingTo((a, b) -> b.clock()
                                    .lastActivityAt()
                                    .compareTo(a.clock().lastActivityAt()));
                case NUMBER -> assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b.number(), a.number()));
                // Every case waits for its first answer since it was opened: the longest waiting first.
                case WAITING ->
                    assertThat(seen)
                            .isSortedAccordingTo((a, b) ->
                                    a.clock().createdAt().compareTo(b.clock().createdAt()));
                default -> {}
            }
        }
        assertThat(inbox.count(InboxView.MINE, viewer)).isEqualTo(7);
    }

    @Autowired
    AgentDesk agents;

    @Test
    void theUnassignedViewShowsMyTeamsAndTeamlessCasesOnly() {
        var mine = agents.createTeam(Fixtures.unique("Mine"), Actor.SYSTEM);
        var also = agents.createTeam(Fixtures.unique("Also"), Actor.SYSTEM);
        var other = agents.createTeam(Fixtures.unique("Other"), Actor.SYSTEM);
        var inMine = fixtures.aCase().inTeam(mine.id()).open();
        clock.advance(Duration.ofSeconds(1));
        var inAlso = fixtures.aCase().inTeam(also.id()).open();
        clock.advance(Duration.ofSeconds(1));
        var inOther = fixtures.aCase().inTeam(other.id()).open();
        var viewer = new CaseQueries.Viewer(fixtures.agent(Role.AGENT).id(), List.of(mine.id(), also.id()));
        var seen = new ArrayList<CaseId>();
        String cursor = null;
        do {
            var page = inbox.inbox(InboxView.UNASSIGNED, viewer, InboxSort.ACTIVITY, cursor, 50);
            page.items().forEach(v -> seen.add(v.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).contains(inMine.id(), inAlso.id()).doesNotContain(inOther.id());
        assertThat(seen.indexOf(inAlso.id())).isLessThan(seen.indexOf(inMine.id()));
        assertThat(inbox.count(InboxView.UNASSIGNED, viewer))
                .isEqualTo(Math.min(seen.size(), CaseQueries.COUNT_CAP + 1));
    }

    @Test
    void theAgentWhoClosesAnUnownedNewCaseBecomesItsOwner() {
        var ann = fixtures.agent(Role.AGENT);
        var spam = fixtures.aCase().about("Cheap watches!!!").open();
        desk.change(
                spam.id(),
                CaseChanges.status(CaseStatus.CLOSED),
                Fixtures.signedIn(ann).actor());
        var after = queries.get(spam.id());
        assertThat(after.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(after.people().ownerId()).isEqualTo(ann.id());
    }

    @Test
    void assigningANewCaseWhileRepeatingItsStatusTriagesIt() {
        var sue = fixtures.agent(Role.SUPERVISOR);
        var bob = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().open();
        desk.change(
                c.id(),
                new CaseChanges(null, CaseStatus.NEW, bob.id(), Priority.NORMAL, null, null),
                Fixtures.signedIn(sue).actor());
        var after = queries.get(c.id());
        assertThat(after.people().ownerId()).isEqualTo(bob.id());
        assertThat(after.status()).isEqualTo(CaseStatus.OPEN);
    }
}
