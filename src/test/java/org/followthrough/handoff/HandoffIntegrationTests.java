package org.followthrough.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.handoff.HandoffEvents.HandoffUnanswered;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.promise.PromiseState;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class HandoffIntegrationTests {

    private static final String NOTE =
            "Needs the county receipt; escrow ops filed the request; I promised a call Friday.";

    @Autowired
    HandoffDesk handoffs;

    @Autowired
    HandoffQueries handoffQueries;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries cases;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerRunner timers;

    @Autowired
    ApplicationEvents events;

    AgentView ann;
    AgentView bob;
    AgentView sue;
    TeamId team;
    CaseView escrow;

    @BeforeEach
    void annOwnsACaseInHerTeam() {
        var given = fixtures.annOwnsACaseInHerTeam(c -> c);
        ann = given.ann();
        bob = given.bob();
        sue = given.sue();
        team = given.team();
        escrow = given.escrow();
    }

    @Test
    void theOwnerStaysAccountableUntilTheReceiverAcceptsThenPromisesMoveWithTheCase() {
        var promise = promises.make(
                new MakePromise(escrow.id(), "Call back Friday", clock.instant().plus(Duration.ofDays(2)), null, null),
                Fixtures.signedIn(ann).actor());
        var offer = handoffs.offer(
                escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());
        assertThat(offer.state()).isEqualTo(HandoffState.OFFERED);
        assertThat(cases.get(escrow.id()).people().ownerId()).isEqualTo(ann.id());
        assertThat(promiseQueries.get(promise.id()).owner().id()).isEqualTo(ann.id());
        assertThat(handoffQueries.offeredTo(bob.id(), 10))
                .extracting(HandoffView::id)
                .contains(offer.id());

        handoffs.accept(offer.id(), Fixtures.signedIn(bob).actor());

        assertThat(cases.get(escrow.id()).people().ownerId()).isEqualTo(bob.id());
        var moved = promiseQueries.get(promise.id());
        assertThat(moved.owner().id()).isEqualTo(bob.id());
        assertThat(moved.state()).isEqualTo(PromiseState.OPEN);
        assertThat(cases.timeline(escrow.id())).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("handoff_accepted");
            assertThat(e.eventData().get("note")).isEqualTo(NOTE);
        });
    }

    @Test
    void anOfferNeedsAContextNote() {
        assertThatThrownBy(() -> handoffs.offer(
                        escrow.id(),
                        bob.id(),
                        null,
                        "pls",
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("note"));
    }

    @Test
    void declinedOffersNeedAReasonAndGoBackToTheOwner() {
        var offer = handoffs.offer(
                escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());
        assertThatThrownBy(() ->
                        handoffs.decline(offer.id(), " ", Fixtures.signedIn(bob).actor()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(handoffQueries.countNeedingAttention(bob.id(), List.of(team), List.of(), 99))
                .isEqualTo(1);
        handoffs.decline(
                offer.id(), "I am off from tomorrow", Fixtures.signedIn(bob).actor());
        assertThat(handoffQueries.countNeedingAttention(bob.id(), List.of(team), List.of(), 99))
                .isZero();
        assertThat(handoffQueries.countNeedingAttention(ann.id(), List.of(team), List.of(), 99))
                .isEqualTo(1);
        assertThat(cases.get(escrow.id()).people().ownerId()).isEqualTo(ann.id());
        assertThat(handoffQueries.returnedTo(ann.id(), 10))
                .singleElement()
                .satisfies(h -> assertThat(h.declineReason()).isEqualTo("I am off from tomorrow"));
        handoffs.acknowledgeReturn(offer.id(), Fixtures.signedIn(ann).actor());
        assertThat(handoffQueries.returnedTo(ann.id(), 10)).isEmpty();
        assertThatThrownBy(
                        () -> handoffs.accept(offer.id(), Fixtures.signedIn(bob).actor()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyTheReceiverAnswersAndOnlyOneOfferIsOpenPerCase() {
        var offer = handoffs.offer(
                escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());
        assertThatThrownBy(
                        () -> handoffs.accept(offer.id(), Fixtures.signedIn(sue).actor()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> handoffs.offer(
                        escrow.id(),
                        sue.id(),
                        null,
                        NOTE,
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOf(ConflictException.class);
        handoffs.withdraw(offer.id(), Fixtures.signedIn(ann).actor());
        assertThat(handoffs.offer(
                                escrow.id(),
                                sue.id(),
                                null,
                                NOTE,
                                Fixtures.signedIn(ann).actor())
                        .state())
                .isEqualTo(HandoffState.OFFERED);
    }

    @Test
    void anyMemberOfTheTeamAcceptsAnOfferToTheTeam() {
        var other = fixtures.agent(Role.AGENT);
        var devices = fixtures.team(other);
        var offer = handoffs.offer(
                escrow.id(), null, devices, NOTE, Fixtures.signedIn(ann).actor());
        assertThatThrownBy(
                        () -> handoffs.accept(offer.id(), Fixtures.signedIn(bob).actor()))
                .isInstanceOf(ForbiddenException.class);
        handoffs.accept(offer.id(), Fixtures.signedIn(other).actor());
        var after = cases.get(escrow.id());
        assertThat(after.people().ownerId()).isEqualTo(other.id());
        assertThat(after.people().teamId()).isEqualTo(devices);
    }

    @Test
    void anAgentCannotPassAnOwnedCaseDirectlyButASupervisorOverridesAndItIsRecorded() {
        assertThatThrownBy(() -> desk.change(
                        escrow.id(),
                        CaseChanges.owner(bob.id()),
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("handoff");
        var promise = promises.make(
                new MakePromise(escrow.id(), "Send the receipt", clock.instant().plus(Duration.ofDays(1)), null, null),
                Fixtures.signedIn(ann).actor());
        desk.change(
                escrow.id(), CaseChanges.owner(bob.id()), Fixtures.signedIn(sue).actor());
        assertThat(cases.get(escrow.id()).people().ownerId()).isEqualTo(bob.id());
        assertThat(promiseQueries.get(promise.id()).owner().id()).isEqualTo(bob.id());
        assertThat(cases.timeline(escrow.id())).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("owner_changed");
            assertThat(e.eventData().get("override")).isEqualTo(true);
        });
    }

    @Test
    void anOfferNotAcceptedWithinFourBusinessHoursAlertsTheSupervisorsOnce() {
        // Monday 10:00 UTC on the default calendar (Monday to Friday, 09:00-17:00 UTC): due at 14:00.
        clock.set(nextMondayAt(10));
        var offer = handoffs.offer(
                escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());
        assertThat(offer.answerBy()).isEqualTo(clock.instant().plus(Duration.ofHours(4)));
        clock.advance(Duration.ofHours(4).plusSeconds(1));
        timers.runDue();
        timers.runDue();
        assertThat(events.stream(HandoffUnanswered.class)
                        .filter(e -> e.handoffId().equals(offer.id())))
                .hasSize(1);
        assertThat(handoffQueries.unansweredIn(List.of(team), 10))
                .extracting(HandoffView::id)
                .contains(offer.id());
        assertThat(handoffQueries.get(offer.id()).state()).isEqualTo(HandoffState.OFFERED);
    }

    @Test
    void anOpenOfferIsWithdrawnWhenTheCaseEndsOrASupervisorGivesItToSomeoneElse() {
        var first = handoffs.offer(
                escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());
        desk.change(
                escrow.id(), CaseChanges.owner(sue.id()), Fixtures.signedIn(sue).actor());
        assertThat(handoffQueries.get(first.id()).state()).isEqualTo(HandoffState.WITHDRAWN);
        assertThatThrownBy(
                        () -> handoffs.accept(first.id(), Fixtures.signedIn(bob).actor()))
                .isInstanceOf(ConflictException.class);

        var second = handoffs.offer(
                escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(sue).actor());
        desk.change(
                escrow.id(),
                CaseChanges.status(CaseStatus.RESOLVED),
                Fixtures.signedIn(sue).actor());
        assertThat(handoffQueries.get(second.id()).state()).isEqualTo(HandoffState.WITHDRAWN);
        assertThat(handoffQueries.offeredTo(bob.id(), 10))
                .extracting(HandoffView::id)
                .doesNotContain(second.id());
    }

    private Instant nextMondayAt(int hour) {
        var today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        var monday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        return monday.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
