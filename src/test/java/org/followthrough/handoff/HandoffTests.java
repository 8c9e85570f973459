package org.followthrough.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An offer's lifecycle, without a database: every move it allows and every one it refuses. */
class HandoffTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));
    private static final String NOTE = "Wants a refund; I promised an answer by Friday.";

    private final AgentId ann = new AgentId(UUID.randomUUID());
    private final AgentId bob = new AgentId(UUID.randomUUID());
    private final TeamId billing = new TeamId(UUID.randomUUID());
    private final Actor annActs = Actor.agent(ann.value(), "Ann");
    private final Actor bobActs = Actor.agent(bob.value(), "Bob");

    private Handoff offerToBob() {
        return Handoff.offer(
                new HandoffId(UUID.randomUUID()),
                new CaseId(UUID.randomUUID()),
                ann,
                bob,
                null,
                NOTE,
                annActs,
                NOW,
                NOW.plus(Duration.ofHours(4)));
    }

    private Handoff in(HandoffState state) {
        var handoff = offerToBob();
        switch (state) {
            case OFFERED -> {}
            case ACCEPTED -> handoff.accept(bobActs, NOW);
            case DECLINED -> handoff.decline(bobActs, "I am off from tomorrow", NOW);
            case WITHDRAWN -> handoff.withdraw(annActs, NOW);
        }
        return handoff;
    }

    /** The move each behaviour makes. */
    private Consumer<Handoff> moveTo(HandoffState target) {
        return switch (target) {
            case ACCEPTED -> h -> h.accept(bobActs, LATER);
            case DECLINED -> h -> h.decline(bobActs, "Not my area", LATER);
            case WITHDRAWN -> h -> h.withdraw(annActs, LATER);
            case OFFERED ->
                h -> {
                    throw new AssertionError("nothing moves an offer back to offered");
                };
        };
    }

    @Test
    void theLifecycleIsData() {
        assertThat(HandoffState.OFFERED.allowedTransitions())
                .containsExactlyInAnyOrder(HandoffState.ACCEPTED, HandoffState.DECLINED, HandoffState.WITHDRAWN);
        assertThat(HandoffState.OFFERED.category()).isEqualTo(HandoffState.Category.OPEN);
        assertThat(HandoffState.OFFERED.isOpen()).isTrue();
        for (var settled : EnumSet.of(HandoffState.ACCEPTED, HandoffState.DECLINED, HandoffState.WITHDRAWN)) {
            assertThat(settled.allowedTransitions()).as(settled.name()).isEmpty();
            assertThat(settled.category()).isEqualTo(HandoffState.Category.SETTLED);
            assertThat(settled.isOpen()).isFalse();
            for (var target : HandoffState.values()) {
                assertThat(settled.canBecome(target))
                        .as(settled + " -> " + target)
                        .isFalse();
            }
        }
        assertThat(HandoffState.OFFERED.canBecome(HandoffState.OFFERED)).isFalse();
    }

    @Test
    void aNewOfferIsOpenWithItsNoteAndAnswerTime() {
        var handoff = offerToBob();
        assertThat(handoff.state()).isEqualTo(HandoffState.OFFERED);
        assertThat(handoff.fromOwnerId()).isEqualTo(ann);
        assertThat(handoff.toAgentId()).isEqualTo(bob);
        assertThat(handoff.note()).isEqualTo(NOTE);
        assertThat(handoff.offeredBy()).isEqualTo(annActs);
        assertThat(handoff.answerBy()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(handoff.decidedAt()).isNull();
        assertThat(handoff.unansweredAt()).isNull();
    }

    @Test
    void anOfferNamesAReceiverOtherThanTheOwnerAndSaysWhatTheyNeedToKnow() {
        var id = new HandoffId(UUID.randomUUID());
        var caseId = new CaseId(UUID.randomUUID());
        var answerBy = NOW.plus(Duration.ofHours(4));
        assertThatThrownBy(() -> Handoff.offer(id, caseId, ann, null, null, NOTE, annActs, NOW, answerBy))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toAgentId"));
        assertThatThrownBy(() -> Handoff.offer(id, caseId, ann, ann, null, NOTE, annActs, NOW, answerBy))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toAgentId"));
        assertThatThrownBy(() -> Handoff.offer(id, caseId, ann, bob, null, " pls      ", annActs, NOW, answerBy))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("note"));
        assertThatThrownBy(() -> Handoff.offer(
                        id, caseId, ann, bob, null, "x".repeat(Handoff.MAX_NOTE + 1), annActs, NOW, answerBy))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("note"));
        var toTeam = Handoff.offer(id, caseId, ann, null, billing, "  " + NOTE + "  ", annActs, NOW, answerBy);
        assertThat(toTeam.toTeamId()).isEqualTo(billing);
        assertThat(toTeam.note()).isEqualTo(NOTE);
    }

    @Test
    void anAcceptedOfferRecordsWhoTookItAndWhen() {
        var handoff = offerToBob();
        handoff.accept(bobActs, LATER);
        assertThat(handoff.state()).isEqualTo(HandoffState.ACCEPTED);
        assertThat(handoff.decidedBy()).isEqualTo(bobActs);
        assertThat(handoff.decidedAt()).isEqualTo(LATER);
        assertThat(handoff.declineReason()).isNull();
    }

    @Test
    void aDeclinedOfferKeepsItsReason() {
        var handoff = offerToBob();
        handoff.decline(bobActs, "  I am off from tomorrow ", LATER);
        assertThat(handoff.state()).isEqualTo(HandoffState.DECLINED);
        assertThat(handoff.declineReason()).isEqualTo("I am off from tomorrow");
        assertThat(handoff.decidedBy()).isEqualTo(bobActs);
        assertThat(handoff.decidedAt()).isEqualTo(LATER);
    }

    @Test
    void aDeclineWithoutAReasonIsRefusedAndLeavesTheOfferOpen() {
        var handoff = offerToBob();
        assertThatThrownBy(() -> handoff.decline(bobActs, "  ", LATER))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> handoff.decline(bobActs, null, LATER)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> handoff.decline(bobActs, "x".repeat(Handoff.MAX_NOTE + 1), LATER))
                .isInstanceOf(InvalidInputException.class);
        assertThat(handoff.state()).isEqualTo(HandoffState.OFFERED);
    }

    @Test
    void aWithdrawnOfferRecordsWhoTookItBack() {
        var handoff = offerToBob();
        handoff.withdraw(Actor.SYSTEM, LATER);
        assertThat(handoff.state()).isEqualTo(HandoffState.WITHDRAWN);
        assertThat(handoff.decidedBy()).isEqualTo(Actor.SYSTEM);
    }

    @ParameterizedTest
    @EnumSource(
            value = HandoffState.class,
            names = {"ACCEPTED", "DECLINED", "WITHDRAWN"})
    void everyAnswerIsFinal(HandoffState settled) {
        for (var target : List.of(HandoffState.ACCEPTED, HandoffState.DECLINED, HandoffState.WITHDRAWN)) {
            var handoff = in(settled);
            var decidedAt = handoff.decidedAt();
            assertThatThrownBy(() -> moveTo(target).accept(handoff))
                    .as(settled + " -> " + target)
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("already " + settled.name().toLowerCase());
            assertThat(handoff.state()).isEqualTo(settled);
            assertThat(handoff.decidedAt()).isEqualTo(decidedAt);
        }
    }

    @Test
    void anOpenOfferMayBecomeEachAnswer() {
        for (var target : HandoffState.OFFERED.allowedTransitions()) {
            var handoff = offerToBob();
            handoff.requireCanBecome(target);
            moveTo(target).accept(handoff);
            assertThat(handoff.state()).isEqualTo(target);
        }
    }

    @Test
    void requireCanBecomeRefusesWhatTheMapRefuses() {
        for (var from : HandoffState.values()) {
            for (var to : HandoffState.values()) {
                var handoff = in(from);
                if (from.canBecome(to)) {
                    handoff.requireCanBecome(to);
                } else {
                    assertThatThrownBy(() -> handoff.requireCanBecome(to))
                            .as(from + " -> " + to)
                            .isInstanceOf(IllegalTransitionException.class);
                }
            }
        }
    }

    @Test
    void anOpenOfferGoesUnansweredOnce() {
        var handoff = offerToBob();
        assertThat(handoff.markUnanswered(LATER)).isTrue();
        assertThat(handoff.unansweredAt()).isEqualTo(LATER);
        assertThat(handoff.markUnanswered(LATER.plusSeconds(60))).isFalse();
        assertThat(handoff.unansweredAt()).isEqualTo(LATER);
        assertThat(handoff.state()).isEqualTo(HandoffState.OFFERED);
        handoff.accept(bobActs, LATER.plusSeconds(120));
        assertThat(handoff.state()).isEqualTo(HandoffState.ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(
            value = HandoffState.class,
            names = {"ACCEPTED", "DECLINED", "WITHDRAWN"})
    void anAnsweredOfferCannotGoUnanswered(HandoffState settled) {
        var handoff = in(settled);
        assertThatThrownBy(() -> handoff.markUnanswered(LATER)).isInstanceOf(IllegalTransitionException.class);
        assertThat(handoff.unansweredAt()).isNull();
    }

    @Test
    void onlyTheOwnerPutsAwayADeclinedOffer() {
        var handoff = in(HandoffState.DECLINED);
        assertThatThrownBy(() -> handoff.returnedSeen(bob, LATER))
                .isInstanceOf(ConflictException.class)
                .isNotInstanceOf(IllegalTransitionException.class);
        assertThat(handoff.returnedSeenAt()).isNull();
        handoff.returnedSeen(ann, LATER);
        assertThat(handoff.returnedSeenAt()).isEqualTo(LATER);
        handoff.returnedSeen(ann, LATER.plusSeconds(60));
        assertThat(handoff.returnedSeenAt()).isEqualTo(LATER);
        assertThat(handoff.state()).isEqualTo(HandoffState.DECLINED);
    }

    @ParameterizedTest
    @EnumSource(
            value = HandoffState.class,
            names = {"OFFERED", "ACCEPTED", "WITHDRAWN"})
    void onlyADeclinedOfferIsPutAway(HandoffState state) {
        var handoff = in(state);
        assertThatThrownBy(() -> handoff.returnedSeen(ann, LATER)).isInstanceOf(IllegalTransitionException.class);
        assertThat(handoff.returnedSeenAt()).isNull();
    }

    @Test
    void anOfferIsForItsNamedAgentOrAnyMemberOfItsTeam() {
        var toBob = offerToBob();
        assertThat(toBob.isFor(bob, List.of())).isTrue();
        assertThat(toBob.isFor(ann, List.of(billing))).isFalse();
        var toBilling = Handoff.offer(
                new HandoffId(UUID.randomUUID()),
                new CaseId(UUID.randomUUID()),
                ann,
                null,
                billing,
                NOTE,
                annActs,
                NOW,
                LATER);
        assertThat(toBilling.isFor(bob, List.of(billing))).isTrue();
        assertThat(toBilling.isFor(bob, List.of(new TeamId(UUID.randomUUID())))).isFalse();
        var toBobInBilling = Handoff.offer(
                new HandoffId(UUID.randomUUID()),
                new CaseId(UUID.randomUUID()),
                ann,
                bob,
                billing,
                NOTE,
                annActs,
                NOW,
                LATER);
        assertThat(toBobInBilling.isFor(bob, List.of())).isTrue();
        assertThat(toBobInBilling.isFor(new AgentId(UUID.randomUUID()), List.of(billing)))
                .isFalse();
    }

    @Test
    void theAuditSnapshotShowsTheStateAndTheReason() {
        var handoff = in(HandoffState.DECLINED);
        assertThat(handoff.snapshot())
                .containsEntry("state", "DECLINED")
                .containsEntry("declineReason", "I am off from tomorrow")
                .containsEntry("note", NOTE)
                .containsEntry("toAgent", bob.toString());
    }
}
