package org.followthrough.promise;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;

/**
 * Something an agent told a customer they would do, by when, and who answers for it. Changes only
 * through the methods that say what happens, each of which refuses a move the lifecycle does not
 * allow.
 */
public record Promise(
        PromiseId id,
        CaseId caseId,
        long caseNumber,
        String caseSubject,
        CustomerId customerId,
        String customerName,
        TeamId teamId,
        String description,
        UUID madeInEntryId,
        Actor madeBy,
        AgentId ownerId,
        String ownerName,
        PromiseState state,
        Instant madeAt,
        Instant firstDueAt,
        Instant dueAt,
        Instant remindAt,
        Instant remindedAt,
        Instant brokenAt,
        Instant keptAt,
        UUID keptEntryId,
        String keptNote,
        Instant releasedAt,
        String releaseNote,
        int renegotiations,
        Instant updatedAt) {

    /** Kept by its due time, never broken on the way. */
    public boolean keptOnTime() {
        return state == PromiseState.KEPT && brokenAt == null && !keptAt.isAfter(dueAt);
    }

    /** Due within its reminder window, or past due, and not yet settled. */
    public boolean atRisk(Instant now) {
        return state.isPending() && remindAt != null && !now.isBefore(remindAt);
    }

    Promise keep(UUID evidenceEntry, String note, Instant now) {
        must(PromiseState.KEPT);
        return with(PromiseState.KEPT, now)
                .copy(dueAt, remindAt, remindedAt, brokenAt, now, evidenceEntry, note, releasedAt, releaseNote);
    }

    Promise breach(Instant now) {
        must(PromiseState.BROKEN);
        return with(PromiseState.BROKEN, now)
                .copy(dueAt, remindAt, remindedAt, now, keptAt, keptEntryId, keptNote, releasedAt, releaseNote);
    }

    Promise renegotiate(Instant newDue, Instant newRemindAt, Instant now) {
        must(PromiseState.RENEGOTIATED);
        var next = with(PromiseState.RENEGOTIATED, now)
                .copy(newDue, newRemindAt, null, brokenAt, keptAt, keptEntryId, keptNote, releasedAt, releaseNote);
        return next.withRenegotiations(renegotiations + 1);
    }

    Promise release(String note, Instant now) {
        must(PromiseState.RELEASED);
        return with(PromiseState.RELEASED, now)
                .copy(dueAt, remindAt, remindedAt, brokenAt, keptAt, keptEntryId, keptNote, now, note);
    }

    Promise reminded(Instant now) {
        return copy(dueAt, remindAt, now, brokenAt, keptAt, keptEntryId, keptNote, releasedAt, releaseNote);
    }

    Promise ownedBy(AgentId owner, String name, TeamId team) {
        return new Promise(
                id,
                caseId,
                caseNumber,
                caseSubject,
                customerId,
                customerName,
                team,
                description,
                madeInEntryId,
                madeBy,
                owner,
                name,
                state,
                madeAt,
                firstDueAt,
                dueAt,
                remindAt,
                remindedAt,
                brokenAt,
                keptAt,
                keptEntryId,
                keptNote,
                releasedAt,
                releaseNote,
                renegotiations,
                updatedAt);
    }

    private void must(PromiseState target) {
        if (!state.canMoveTo(target)) {
            throw new ConflictException("This promise is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + " and cannot be " + verb(target) + allowed());
        }
    }

    private String allowed() {
        var next = state.next();
        if (next.isEmpty()) {
            return "; it is settled.";
        }
        return "; it can be "
                + String.join(", ", next.stream().map(Promise::verb).toList()) + ".";
    }

    private static String verb(PromiseState state) {
        return switch (state) {
            case OPEN -> "opened";
            case RENEGOTIATED -> "renegotiated";
            case BROKEN -> "broken";
            case KEPT -> "kept";
            case RELEASED -> "released";
        };
    }

    private Promise with(PromiseState next, Instant now) {
        return new Promise(
                id,
                caseId,
                caseNumber,
                caseSubject,
                customerId,
                customerName,
                teamId,
                description,
                madeInEntryId,
                madeBy,
                ownerId,
                ownerName,
                next,
                madeAt,
                firstDueAt,
                dueAt,
                remindAt,
                remindedAt,
                brokenAt,
                keptAt,
                keptEntryId,
                keptNote,
                releasedAt,
                releaseNote,
                renegotiations,
                now);
    }

    private Promise withRenegotiations(int count) {
        return new Promise(
                id,
                caseId,
                caseNumber,
                caseSubject,
                customerId,
                customerName,
                teamId,
                description,
                madeInEntryId,
                madeBy,
                ownerId,
                ownerName,
                state,
                madeAt,
                firstDueAt,
                dueAt,
                remindAt,
                remindedAt,
                brokenAt,
                keptAt,
                keptEntryId,
                keptNote,
                releasedAt,
                releaseNote,
                count,
                updatedAt);
    }

    private Promise copy(
            Instant due,
            Instant remind,
            Instant reminded,
            Instant broken,
            Instant kept,
            UUID keptEntry,
            String keptBecause,
            Instant released,
            String releasedBecause) {
        return new Promise(
                id,
                caseId,
                caseNumber,
                caseSubject,
                customerId,
                customerName,
                teamId,
                description,
                madeInEntryId,
                madeBy,
                ownerId,
                ownerName,
                state,
                madeAt,
                firstDueAt,
                due,
                remind,
                reminded,
                broken,
                kept,
                keptEntry,
                keptBecause,
                released,
                releasedBecause,
                renegotiations,
                updatedAt);
    }
}
