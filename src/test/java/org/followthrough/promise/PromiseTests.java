package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.followthrough.promise.PromiseState.BROKEN;
import static org.followthrough.promise.PromiseState.KEPT;
import static org.followthrough.promise.PromiseState.OPEN;
import static org.followthrough.promise.PromiseState.RELEASED;
import static org.followthrough.promise.PromiseState.RENEGOTIATED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A promise's lifecycle, without a database: what each state allows, and what each move records. */
class PromiseTests {

    private static final Instant MADE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant DUE = MADE.plus(Duration.ofHours(8));
    private static final Instant REMIND = DUE.minus(Duration.ofHours(2));
    private static final AgentId ANN = new AgentId(UUID.randomUUID());
    private static final TeamId BILLING = new TeamId(UUID.randomUUID());

    /** The lifecycle as the product describes it, written out here independently of PromiseState. */
    private static final Map<PromiseState, Set<PromiseState>> ALLOWED = Map.of(
            OPEN, EnumSet.of(KEPT, BROKEN, RENEGOTIATED, RELEASED),
            RENEGOTIATED, EnumSet.of(KEPT, BROKEN, RENEGOTIATED, RELEASED),
            BROKEN, EnumSet.of(KEPT, RENEGOTIATED, RELEASED),
            KEPT, EnumSet.noneOf(PromiseState.class),
            RELEASED, EnumSet.noneOf(PromiseState.class));

    // ---- the transition map -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(PromiseState.class)
    void theStateMapSaysWhichStatesMayFollow(PromiseState state) {
        assertThat(state.next()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(state));
        for (var target : PromiseState.values()) {
            assertThat(state.canMoveTo(target))
                    .as("%s -> %s", state, target)
                    .isEqualTo(ALLOWED.get(state).contains(target));
        }
    }

    @Test
    void categoriesTellPendingBrokenAndSettledApart() {
        assertThat(OPEN.category()).isEqualTo(PromiseState.Category.PENDING);
        assertThat(RENEGOTIATED.category()).isEqualTo(PromiseState.Category.PENDING);
        assertThat(BROKEN.category()).isEqualTo(PromiseState.Category.BROKEN);
        assertThat(KEPT.category()).isEqualTo(PromiseState.Category.SETTLED);
        assertThat(RELEASED.category()).isEqualTo(PromiseState.Category.SETTLED);
        assertThat(EnumSet.allOf(PromiseState.class).stream().filter(PromiseState::isPending))
                .containsExactlyInAnyOrder(OPEN, RENEGOTIATED);
        assertThat(EnumSet.allOf(PromiseState.class).stream().filter(PromiseState::isUnsettled))
                .containsExactlyInAnyOrderElementsOf(PromiseState.UNSETTLED)
                .containsExactlyInAnyOrder(OPEN, RENEGOTIATED, BROKEN);
        // Settled states are final; nothing leads back to OPEN.
        for (var state : PromiseState.values()) {
            assertThat(state.next().isEmpty()).isEqualTo(state.category() == PromiseState.Category.SETTLED);
            assertThat(state.canMoveTo(OPEN)).isFalse();
        }
    }

    // ---- every move, allowed and refused -------------------------------------------------------

    static Stream<Arguments> allowedMoves() {
        return moves(true);
    }

    static Stream<Arguments> refusedMoves() {
        return moves(false);
    }

    private static Stream<Arguments> moves(boolean allowed) {
        var out = new ArrayList<Arguments>();
        for (var from : PromiseState.values()) {
            for (var to : List.of(KEPT, BROKEN, RENEGOTIATED, RELEASED)) {
                if (ALLOWED.get(from).contains(to) == allowed) {
                    out.add(Arguments.of(from, to));
                }
            }
        }
        return out.stream();
    }

    @Test
    void elevenMovesAreAllowedAndNineRefused() {
        assertThat(allowedMoves()).hasSize(11);
        assertThat(refusedMoves()).hasSize(9);
    }

    @ParameterizedTest(name = "{0} may become {1}")
    @MethodSource("allowedMoves")
    void anAllowedMoveChangesTheState(PromiseState from, PromiseState to) {
        var promise = in(from);
        var at = promise.updatedAt().plus(Duration.ofMinutes(5));
        move(promise, to, at);
        assertThat(promise.state()).isEqualTo(to);
        assertThat(promise.updatedAt()).isEqualTo(at);
        switch (to) {
            case KEPT -> assertThat(promise.keptAt()).isEqualTo(at);
            case BROKEN -> assertThat(promise.brokenAt()).isEqualTo(at);
            case RELEASED -> {
                assertThat(promise.releasedAt()).isEqualTo(at);
                assertThat(promise.releaseNote()).isEqualTo("The customer sorted it out");
            }
            case RENEGOTIATED -> assertThat(promise.dueAt()).isEqualTo(at.plus(Duration.ofDays(1)));
            default -> throw new IllegalArgumentException(to.name());
        }
    }

    @ParameterizedTest(name = "{0} may not become {1}")
    @MethodSource("refusedMoves")
    void aRefusedMoveThrowsAndChangesNothing(PromiseState from, PromiseState to) {
        var promise = in(from);
        var before = snapshot(promise);
        var at = promise.updatedAt().plus(Duration.ofMinutes(5));
        assertThatThrownBy(() -> move(promise, to, at))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("This promise is " + from.name().toLowerCase());
        assertThat(snapshot(promise)).isEqualTo(before);
    }

    @Test
    void theRefusalNamesWhatIsStillPossible() {
        var broken = in(BROKEN);
        assertThatThrownBy(() -> broken.breach(DUE.plusSeconds(5)))
                .hasMessage("This promise is broken and cannot be broken; it can be renegotiated, kept, released.");
        var kept = in(KEPT);
        assertThatThrownBy(() -> kept.release("no longer needed", DUE))
                .hasMessage("This promise is kept and cannot be released; it is settled.");
    }

    // ---- what each move records ---------------------------------------------------------------

    @Test
    void aNewPromiseIsOpenDueWhenPromisedAndOwned() {
        var promise = open();
        assertThat(promise.state()).isEqualTo(OPEN);
        assertThat(promise.description()).isEqualTo("Call back with the county's answer");
        assertThat(promise.ownerId()).isEqualTo(ANN);
        assertThat(promise.teamId()).isEqualTo(BILLING);
        assertThat(promise.dueAt()).isEqualTo(DUE);
        assertThat(promise.firstDueAt()).isEqualTo(DUE);
        assertThat(promise.remindAt()).isEqualTo(REMIND);
        assertThat(promise.madeAt()).isEqualTo(MADE);
        assertThat(promise.renegotiations()).isZero();
    }

    @Test
    void aPromiseMustBeDueInTheFutureAndSaySomething() {
        assertThatThrownBy(() -> make("Call back", MADE))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("dueAt"));
        assertThatThrownBy(() -> make("Call back", null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("dueAt"));
        assertThatThrownBy(() -> make("   ", DUE))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("description"));
        assertThat(make("  Call back  ", DUE).description()).isEqualTo("Call back");
    }

    @Test
    void renegotiatingRecordsTheDueChangeAndStartsTheReminderOver() {
        var promise = open();
        promise.remind(REMIND);
        var newDue = DUE.plus(Duration.ofDays(1));
        var newRemind = newDue.minus(Duration.ofHours(3));
        var at = REMIND.plus(Duration.ofMinutes(10));

        var change = promise.renegotiate(newDue, newRemind, at);

        assertThat(change).isEqualTo(new Promise.Rescheduled(at, DUE, newDue));
        assertThat(promise.state()).isEqualTo(RENEGOTIATED);
        assertThat(promise.dueAt()).isEqualTo(newDue);
        assertThat(promise.firstDueAt()).isEqualTo(DUE);
        assertThat(promise.remindAt()).isEqualTo(newRemind);
        assertThat(promise.remindedAt()).isNull();
        assertThat(promise.renegotiations()).isEqualTo(1);

        var again = promise.renegotiate(newDue.plus(Duration.ofDays(1)), null, at.plusSeconds(60));
        assertThat(again.previousDueAt()).isEqualTo(newDue);
        assertThat(promise.renegotiations()).isEqualTo(2);
        assertThat(promise.firstDueAt()).isEqualTo(DUE);
    }

    @Test
    void aNewDueTimeMustLieAhead() {
        var promise = open();
        assertThatThrownBy(() -> promise.renegotiate(MADE.plusSeconds(30), null, MADE.plusSeconds(60)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("dueAt"));
        assertThat(promise.state()).isEqualTo(OPEN);
        assertThat(promise.dueAt()).isEqualTo(DUE);
        assertThat(promise.renegotiations()).isZero();
    }

    @Test
    void keptByItsDueTimeIsOnTime() {
        var promise = open();
        promise.keep(null, "Called back", DUE);
        assertThat(promise.keptOnTime()).isTrue();
        assertThat(promise.keptNote()).isEqualTo("Called back");
    }

    @Test
    void keptAfterItsDueTimeIsLateEvenBeforeTheTimerBrokeIt() {
        var promise = open();
        promise.keep(null, "Called back", DUE.plusSeconds(1));
        assertThat(promise.state()).isEqualTo(KEPT);
        assertThat(promise.keptOnTime()).isFalse();
    }

    @Test
    void keptAfterBreakingIsKeptButNeverOnTime() {
        var promise = open();
        promise.breach(DUE);
        var entry = UUID.randomUUID();
        promise.keep(entry, null, DUE.plus(Duration.ofHours(12)));
        assertThat(promise.state()).isEqualTo(KEPT);
        assertThat(promise.brokenAt()).isEqualTo(DUE);
        assertThat(promise.keptEntryId()).isEqualTo(entry);
        assertThat(promise.keptOnTime()).isFalse();
    }

    @Test
    void renegotiatedAfterBreakingAndThenKeptInTimeStillCountsTheBreak() {
        var promise = open();
        promise.breach(DUE);
        var newDue = DUE.plus(Duration.ofDays(1));
        promise.renegotiate(newDue, null, DUE.plusSeconds(60));
        promise.keep(null, "Sent", newDue.minusSeconds(60));
        assertThat(promise.keptOnTime()).isFalse();
    }

    @Test
    void keepingNeedsEvidenceOrANote() {
        var promise = open();
        assertThatThrownBy(() -> promise.keep(null, "  ", DUE))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("note"));
        assertThat(promise.state()).isEqualTo(OPEN);
        assertThat(promise.keptAt()).isNull();
    }

    @Test
    void releasingNeedsANote() {
        var promise = open();
        assertThatThrownBy(() -> promise.release(null, DUE))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("note"));
        assertThat(promise.state()).isEqualTo(OPEN);
        promise.release("  Paid the county themselves ", DUE);
        assertThat(promise.releaseNote()).isEqualTo("Paid the county themselves");
    }

    @Test
    void theOwnerIsRemindedOnceAndOnlyWhilePending() {
        var promise = open();
        assertThat(promise.needsReminder(REMIND.minusSeconds(1))).isFalse();
        assertThat(promise.needsReminder(REMIND)).isTrue();
        promise.remind(REMIND);
        assertThat(promise.remindedAt()).isEqualTo(REMIND);
        assertThat(promise.needsReminder(REMIND.plusSeconds(1))).isFalse();
        assertThatThrownBy(() -> promise.remind(REMIND.plusSeconds(1))).isInstanceOf(IllegalTransitionException.class);

        var kept = in(KEPT);
        assertThatThrownBy(() -> kept.remind(REMIND)).isInstanceOf(IllegalTransitionException.class);
        assertThat(kept.remindedAt()).isNull();
    }

    @ParameterizedTest
    @EnumSource(PromiseState.class)
    void aPromiseChangesHandsWithItsCaseOnlyWhileOwed(PromiseState state) {
        var promise = in(state);
        var bob = new AgentId(UUID.randomUUID());
        var devices = new TeamId(UUID.randomUUID());
        if (state.isUnsettled()) {
            promise.passTo(bob, devices);
            assertThat(promise.ownerId()).isEqualTo(bob);
            assertThat(promise.teamId()).isEqualTo(devices);
            assertThat(promise.state()).isEqualTo(state);
        } else {
            assertThatThrownBy(() -> promise.passTo(bob, devices)).isInstanceOf(IllegalTransitionException.class);
            assertThat(promise.ownerId()).isEqualTo(ANN);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Promise open() {
        return make("Call back with the county's answer", DUE);
    }

    private static Promise make(String description, Instant due) {
        return Promise.make(
                new PromiseId(UUID.randomUUID()),
                new Promise.Made(
                        new CaseId(UUID.randomUUID()),
                        new CustomerId(UUID.randomUUID()),
                        BILLING,
                        null,
                        new Actor(Actor.Type.AGENT, ANN.value(), "Ann")),
                description,
                ANN,
                due,
                REMIND,
                MADE);
    }

    /** A promise brought into {@code state} the way the desk would. */
    private static Promise in(PromiseState state) {
        var promise = open();
        switch (state) {
            case OPEN -> {}
            case RENEGOTIATED -> promise.renegotiate(DUE.plus(Duration.ofHours(4)), null, MADE.plusSeconds(60));
            case BROKEN -> promise.breach(DUE);
            case KEPT -> promise.keep(null, "Called back", MADE.plusSeconds(60));
            case RELEASED -> promise.release("No longer needed", MADE.plusSeconds(60));
            default -> throw new IllegalArgumentException(state.name());
        }
        assertThat(promise.state()).isEqualTo(state);
        return promise;
    }

    private static void move(Promise promise, PromiseState to, Instant at) {
        switch (to) {
            case KEPT -> promise.keep(null, "Called back", at);
            case BROKEN -> promise.breach(at);
            case RENEGOTIATED -> promise.renegotiate(at.plus(Duration.ofDays(1)), null, at);
            case RELEASED -> promise.release("The customer sorted it out", at);
            default -> throw new IllegalArgumentException(to.name());
        }
    }

    private static List<Object> snapshot(Promise p) {
        return Arrays.asList(
                p.state(),
                p.ownerId(),
                p.dueAt(),
                p.remindAt(),
                p.remindedAt(),
                p.brokenAt(),
                p.keptAt(),
                p.keptNote(),
                p.releasedAt(),
                p.releaseNote(),
                p.renegotiations(),
                p.updatedAt());
    }
}
