package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseEvents.PromiseBroken;
import org.followthrough.promise.PromiseEvents.PromiseDueSoon;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.followthrough.timer.Timers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class PromiseIntegrationTests {

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries cases;

    @Autowired
    TimerRunner timerRunner;

    @Autowired
    Timers timers;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEvents events;

    AgentView ann;
    CaseView escrow;
    /** A supervisor of the case's team. */
    AgentView sue;

    @BeforeEach
    void aCaseOwnedByAnn() {
        ann = fixtures.agent(Role.AGENT);
        sue = fixtures.agent(Role.SUPERVISOR);
        escrow = fixtures.aCase()
                .inTeam(fixtures.team(ann, sue))
                .about("Property tax unpaid from escrow")
                .saying("The county says my tax is unpaid.")
                .ownedBy(ann)
                .open();
    }

    private PromiseView promiseIn(Duration dueIn) {
        return promises.make(
                new MakePromise(
                        escrow.id(),
                        "Call back with the county's answer",
                        clock.instant().plus(dueIn),
                        null,
                        null),
                Fixtures.signedIn(ann).actor());
    }

    @Test
    void theCustomerSeesEveryPromiseButTheReleasedOnesInTheOrderTheyWereMade() {
        var kept = promiseIn(Duration.ofHours(4));
        clock.advance(Duration.ofMinutes(1));
        var released = promises.make(
                new MakePromise(
                        escrow.id(), "Waive the late fee", clock.instant().plus(Duration.ofHours(5)), null, null),
                Fixtures.signedIn(ann).actor());
        clock.advance(Duration.ofMinutes(1));
        var open = promises.make(
                new MakePromise(escrow.id(), "Send the receipt", clock.instant().plus(Duration.ofHours(6)), null, null),
                Fixtures.signedIn(ann).actor());
        promises.keep(kept.id(), null, "Called back", Fixtures.signedIn(ann).actor());
        promises.release(
                released.id(), "The county waived it", Fixtures.signedIn(ann).actor());

        assertThat(promiseQueries.visibleToCustomer(escrow.id()))
                .extracting(PromiseQueries.CustomerPromise::description, PromiseQueries.CustomerPromise::state)
                .containsExactly(
                        tuple("Call back with the county's answer", PromiseState.KEPT),
                        tuple("Send the receipt", PromiseState.OPEN));
        assertThat(promiseQueries.visibleToCustomer(escrow.id()).getLast().dueAt())
                .isEqualTo(open.dueAt());
        assertThat(promiseQueries.ofCase(escrow.id()))
                .extracting(PromiseView::id)
                .containsExactly(kept.id(), released.id(), open.id());
        assertThat(promiseQueries.ofCase(escrow.id()).getFirst().supportCase())
                .isEqualTo(new PromiseView.CaseRef(escrow.id(), escrow.number(), escrow.subject()));
    }

    @Test
    void aPromiseBelongsToTheCaseOwnerAndIsOnTheTimeline() {
        var p = promiseIn(Duration.ofHours(8));
        assertThat(p.state()).isEqualTo(PromiseState.OPEN);
        assertThat(p.owner().id()).isEqualTo(ann.id());
        assertThat(p.customer().id()).isEqualTo(escrow.people().customerId());
        // 25% of an 8-hour window: reminded 2 hours ahead.
        assertThat(p.reminder().at()).isEqualTo(p.dueAt().minus(Duration.ofHours(2)));
        assertThat(timers.dueAt(PromiseDesk.DUE, p.id().value())).contains(p.dueAt());
        assertThat(cases.timeline(escrow.id())).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("promise_made");
            assertThat(e.visibleToCustomer()).isFalse();
        });
    }

    @Test
    void theReminderLeadIsCappedAtADay() {
        var p = promiseIn(Duration.ofDays(20));
        assertThat(p.reminder().at()).isEqualTo(p.dueAt().minus(Duration.ofHours(24)));
    }

    @Test
    void aPromiseDueInThePastIsRefused() {
        assertThatThrownBy(() -> promiseIn(Duration.ofMinutes(-5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("dueAt"));
    }

    @Test
    void keptInTimeWithEvidenceCountsAsOnTime() {
        var p = promiseIn(Duration.ofHours(4));
        var reply = desk.reply(
                escrow.id(),
                "The county confirmed payment.",
                Channel.EMAIL,
                null,
                Fixtures.signedIn(ann).actor());
        var kept =
                promises.keep(p.id(), reply.id(), null, Fixtures.signedIn(ann).actor());
        assertThat(kept.state()).isEqualTo(PromiseState.KEPT);
        assertThat(kept.keptOnTime()).isTrue();
        assertThat(kept.outcome().keptEntryId()).isEqualTo(reply.id());
        assertThat(timers.dueAt(PromiseDesk.DUE, p.id().value())).isEmpty();
    }

    @Test
    void keepingNeedsEvidence() {
        var p = promiseIn(Duration.ofHours(4));
        assertThatThrownBy(() ->
                        promises.keep(p.id(), null, "  ", Fixtures.signedIn(ann).actor()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("note"));
    }

    @Test
    void anotherAgentCannotKeepOrRenegotiateButASupervisorCan() {
        var p = promiseIn(Duration.ofHours(4));
        var bob = Fixtures.signedIn(fixtures.agent(Role.AGENT));
        assertThatThrownBy(() -> promises.keep(p.id(), null, "done", bob.actor()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> promises.renegotiate(
                        p.id(), clock.instant().plus(Duration.ofDays(1)), "New time", Channel.EMAIL, bob.actor()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(promises.keep(
                                p.id(),
                                null,
                                "Called the customer",
                                Fixtures.signedIn(sue).actor())
                        .state())
                .isEqualTo(PromiseState.KEPT);
    }

    @Test
    void renegotiatingTellsTheCustomerAndKeepsTheHistory() {
        var p = promiseIn(Duration.ofHours(4));
        assertThatThrownBy(() -> promises.renegotiate(
                        p.id(),
                        clock.instant().plus(Duration.ofDays(2)),
                        " ",
                        Channel.EMAIL,
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("message"));
        var newDue = clock.instant().plus(Duration.ofDays(2));
        var after = promises.renegotiate(
                p.id(),
                newDue,
                "The county needs two more days; I will call you Thursday.",
                Channel.EMAIL,
                Fixtures.signedIn(ann).actor());
        assertThat(after.state()).isEqualTo(PromiseState.RENEGOTIATED);
        assertThat(after.dueAt()).isEqualTo(newDue);
        assertThat(after.made().firstDueAt()).isEqualTo(p.dueAt());
        var changes = promiseQueries.dueChanges(p.id());
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.previousDueAt()).isEqualTo(p.dueAt());
            assertThat(c.dueAt()).isEqualTo(newDue);
        });
        var message = cases.customerVisibleTimeline(escrow.id()).getLast();
        assertThat(message.kind()).isEqualTo(EntryKind.REPLY);
        assertThat(message.id()).isEqualTo(changes.getFirst().messageEntryId());
        assertThat(timers.dueAt(PromiseDesk.DUE, p.id().value())).contains(newDue);
    }

    @Test
    void releasedNeedsANoteAndIsFinal() {
        var p = promiseIn(Duration.ofHours(4));
        assertThatThrownBy(() ->
                        promises.release(p.id(), "", Fixtures.signedIn(ann).actor()))
                .isInstanceOf(InvalidInputException.class);
        promises.release(
                p.id(),
                "The customer paid the county themselves",
                Fixtures.signedIn(ann).actor());
        assertThatThrownBy(() -> promises.keep(
                        p.id(), null, "done", Fixtures.signedIn(ann).actor()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("released");
    }

    @Test
    void aCaseWithAnUnsettledPromiseCannotBeResolvedAndTheRefusalNamesIt() {
        var p = promiseIn(Duration.ofHours(4));
        assertThatThrownBy(() -> desk.change(
                        escrow.id(),
                        CaseChanges.status(CaseStatus.RESOLVED),
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("Call back with the county's answer");
        assertThatThrownBy(() -> desk.reply(
                        escrow.id(),
                        "All done!",
                        Channel.EMAIL,
                        CaseStatus.RESOLVED,
                        Fixtures.signedIn(ann).actor()))
                .isInstanceOf(ConflictException.class);
        // Nothing of the refused reply was kept.
        assertThat(cases.timeline(escrow.id())).noneMatch(e -> "All done!".equals(e.body()));
        promises.keep(p.id(), null, "Called back", Fixtures.signedIn(ann).actor());
        assertThat(desk.change(
                                escrow.id(),
                                CaseChanges.status(CaseStatus.RESOLVED),
                                Fixtures.signedIn(ann).actor())
                        .status())
                .isEqualTo(CaseStatus.RESOLVED);
    }

    /**
     * Every unsettled state stops every way a case ends. A case ends as CLOSED straight from NEW
     * (spam, a duplicate), so that path starts from a case nobody has triaged yet; renegotiating
     * replies to the customer, which triages the case, so a renegotiated promise's case can reach
     * CLOSED only through RESOLVED, and both steps are checked.
     */
    @ParameterizedTest(name = "a {0} promise stops the case from becoming {1}")
    @CsvSource({
        "OPEN, RESOLVED",
        "OPEN, CLOSED",
        "RENEGOTIATED, RESOLVED",
        "RENEGOTIATED, CLOSED",
        "BROKEN, RESOLVED",
        "BROKEN, CLOSED"
    })
    void anUnsettledPromiseStopsTheCaseFromEnding(PromiseState state, CaseStatus end) {
        var c = end == CaseStatus.CLOSED ? fixtures.aCase().about("Untriaged").open() : escrow;
        var p = promises.make(
                new MakePromise(c.id(), "Send the refund form", clock.instant().plus(Duration.ofHours(2)), null, null),
                Fixtures.signedIn(ann).actor());
        switch (state) {
            case OPEN -> {}
            case RENEGOTIATED ->
                promises.renegotiate(
                        p.id(),
                        clock.instant().plus(Duration.ofDays(1)),
                        "Tomorrow, sorry.",
                        Channel.EMAIL,
                        Fixtures.signedIn(ann).actor());
            case BROKEN -> {
                clock.set(p.dueAt().plusSeconds(1));
                timerRunner.runDue();
            }
            default -> throw new IllegalArgumentException(state.name());
        }
        assertThat(promiseQueries.get(p.id()).state()).isEqualTo(state);
        var statusBefore = cases.get(c.id()).status();
        var statusChangesBefore = statusChanges(c);
        var refusal = "\u201cSend the refund form\u201d (" + state.name().toLowerCase() + ")";

        if (statusBefore.canMoveTo(end)) {
            assertThatThrownBy(() -> desk.change(
                            c.id(),
                            CaseChanges.status(end),
                            Fixtures.signedIn(ann).actor()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(refusal);
        } else {
            assertThatThrownBy(() -> desk.change(
                            c.id(),
                            CaseChanges.status(end),
                            Fixtures.signedIn(ann).actor()))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> desk.change(
                            c.id(),
                            CaseChanges.status(CaseStatus.RESOLVED),
                            Fixtures.signedIn(ann).actor()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(refusal);
        }
        assertThat(cases.get(c.id()).status()).isEqualTo(statusBefore);
        assertThat(statusChanges(c)).isEqualTo(statusChangesBefore);

        promises.release(
                p.id(), "The customer found the form", Fixtures.signedIn(ann).actor());
        if (!statusBefore.canMoveTo(end)) {
            desk.change(
                    c.id(),
                    CaseChanges.status(CaseStatus.RESOLVED),
                    Fixtures.signedIn(ann).actor());
        }
        assertThat(desk.change(
                                c.id(),
                                CaseChanges.status(end),
                                Fixtures.signedIn(ann).actor())
                        .status())
                .isEqualTo(end);
    }

    private long statusChanges(CaseView c) {
        return cases.timeline(c.id()).stream()
                .filter(e -> "status_changed".equals(e.eventType()))
                .count();
    }

    @Test
    void theOwnerIsRemindedThenThePromiseBreaksAtItsDueTimeOnce() {
        var p = promiseIn(Duration.ofHours(8));
        clock.set(p.reminder().at().plusSeconds(1));
        timerRunner.runDue();
        var reminded = promiseQueries.get(p.id());
        assertThat(reminded.reminder().sentAt()).isEqualTo(p.reminder().at().plusSeconds(1));
        assertThat(reminded.state()).isEqualTo(PromiseState.OPEN);
        assertThat(events.stream(PromiseDueSoon.class).filter(e -> e.promiseId().equals(p.id())))
                .hasSize(1);

        clock.set(p.dueAt().plusMillis(500));
        timerRunner.runDue();
        timerRunner.runDue();
        var broken = promiseQueries.get(p.id());
        assertThat(broken.state()).isEqualTo(PromiseState.BROKEN);
        assertThat(broken.outcome().brokenAt()).isEqualTo(p.dueAt().plusMillis(500));
        assertThat(events.stream(PromiseBroken.class).filter(e -> e.promiseId().equals(p.id())))
                .hasSize(1);
        assertThat(cases.timeline(escrow.id()).stream().filter(e -> "promise_broken".equals(e.eventType())))
                .hasSize(1);

        // Kept late: it counts as kept, never as on time.
        var keptLate = promises.keep(
                p.id(), null, "Called the next morning", Fixtures.signedIn(ann).actor());
        assertThat(keptLate.state()).isEqualTo(PromiseState.KEPT);
        assertThat(keptLate.keptOnTime()).isFalse();
    }

    @Test
    void aRenegotiatedPromiseBreaksAtItsNewTimeNotTheOld() {
        var p = promiseIn(Duration.ofHours(2));
        var newDue = clock.instant().plus(Duration.ofDays(1));
        promises.renegotiate(
                p.id(),
                newDue,
                "Tomorrow instead, sorry.",
                Channel.EMAIL,
                Fixtures.signedIn(ann).actor());
        clock.set(p.dueAt().plusSeconds(1));
        timerRunner.runDue();
        assertThat(promiseQueries.get(p.id()).state()).isEqualTo(PromiseState.RENEGOTIATED);
        clock.set(newDue.plusSeconds(1));
        timerRunner.runDue();
        assertThat(promiseQueries.get(p.id()).state()).isEqualTo(PromiseState.BROKEN);
    }

    @Test
    void aPromiseCannotBeMadeOnAResolvedCase() {
        desk.change(
                escrow.id(),
                CaseChanges.status(CaseStatus.RESOLVED),
                Fixtures.signedIn(ann).actor());
        assertThatThrownBy(() -> promiseIn(Duration.ofHours(1)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("reopen");
    }
}
