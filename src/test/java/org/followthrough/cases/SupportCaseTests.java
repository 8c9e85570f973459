package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class SupportCaseTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final AgentId ann = new AgentId(UUID.randomUUID());

    private SupportCase unowned() {
        return SupportCase.open(
                new CaseId(UUID.randomUUID()),
                "  Tax bill   not paid ",
                new CustomerId(UUID.randomUUID()),
                null,
                null,
                null,
                Channel.EMAIL,
                Set.of(" Escrow ", "billing"),
                NOW);
    }

    @Test
    void aCaseWithoutOwnerStartsNewAndOneWithOwnerStartsOpen() {
        assertThat(unowned().status()).isEqualTo(CaseStatus.NEW);
        var owned = SupportCase.open(
                new CaseId(UUID.randomUUID()),
                "Subject",
                new CustomerId(UUID.randomUUID()),
                null,
                ann,
                null,
                Channel.PHONE,
                null,
                NOW);
        assertThat(owned.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(owned.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void subjectAndTagsAreCleanedUp() {
        var c = unowned();
        assertThat(c.subject()).isEqualTo("Tax bill not paid");
        assertThat(c.tags()).containsExactlyInAnyOrder("escrow", "billing");
    }

    @Test
    void assigningANewCaseTriagesIt() {
        var c = unowned();
        c.assignTo(ann, NOW);
        assertThat(c.ownerId()).isEqualTo(ann);
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(c.changes()).extracting(SupportCase.Change::field).containsExactly("owner", "status");
    }

    @Test
    void anUnownedCaseCannotBeWorkedButCanBeClosedAsSpam() {
        var c = unowned();
        assertThatThrownBy(() -> c.changeStatus(CaseStatus.WAITING_ON_CUSTOMER, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("needs an owner");
        assertThatThrownBy(() -> c.changeStatus(CaseStatus.CLOSED, NOW)).hasMessageContaining("needs an owner");
        c.ownWithoutTriage(ann);
        c.changeStatus(CaseStatus.CLOSED, NOW);
        assertThat(c.closedAt()).isEqualTo(NOW);
        assertThat(c.ownerId()).isEqualTo(ann);
    }

    @Test
    void anIllegalTransitionNamesTheAllowedOnes() {
        var c = unowned();
        c.assignTo(ann, NOW);
        assertThatThrownBy(() -> c.changeStatus(CaseStatus.CLOSED, NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot move from open to closed")
                .hasMessageContaining("resolved");
    }

    @Test
    void reopeningForgetsTheResolution() {
        var c = unowned();
        c.assignTo(ann, NOW);
        c.changeStatus(CaseStatus.RESOLVED, NOW);
        assertThat(c.resolvedAt()).isEqualTo(NOW);
        c.changeStatus(CaseStatus.OPEN, NOW.plusSeconds(60));
        assertThat(c.resolvedAt()).isNull();
    }

    @Test
    void blankSubjectsAndOddTagsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SupportCase.validSubject("  "))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("subject");
        assertThatThrownBy(() -> SupportCase.validTags(Set.of("<script>")))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("tags");
    }

    @Test
    void touchingOnlyMovesActivityForward() {
        var c = unowned();
        c.touch(NOW.plusSeconds(10));
        c.touch(NOW.plusSeconds(5));
        assertThat(c.lastActivityAt()).isEqualTo(NOW.plusSeconds(10));
    }
}
