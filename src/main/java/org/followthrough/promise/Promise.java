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
        return change(PromiseState.KEPT, now, d -> {
            d.keptAt = now;
            d.keptEntryId = evidenceEntry;
            d.keptNote = note;
        });
    }

    Promise breach(Instant now) {
        must(PromiseState.BROKEN);
        return change(PromiseState.BROKEN, now, d -> d.brokenAt = now);
    }

    Promise renegotiate(Instant newDue, Instant newRemindAt, Instant now) {
        must(PromiseState.RENEGOTIATED);
        return change(PromiseState.RENEGOTIATED, now, d -> {
            d.dueAt = newDue;
            d.remindAt = newRemindAt;
            d.remindedAt = null;
            d.renegotiations++;
        });
    }

    Promise release(String note, Instant now) {
        must(PromiseState.RELEASED);
        return change(PromiseState.RELEASED, now, d -> {
            d.releasedAt = now;
            d.releaseNote = note;
        });
    }

    Promise reminded(Instant now) {
        return change(state, updatedAt, d -> d.remindedAt = now);
    }

    Promise ownedBy(AgentId owner, String name, TeamId team) {
        return change(state, updatedAt, d -> {
            d.ownerId = owner;
            d.ownerName = name;
            d.teamId = team;
        });
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

    /** A copy in the given state with what {@code edit} changes; everything else stays. */
    private Promise change(PromiseState next, Instant at, java.util.function.Consumer<Draft> edit) {
        var draft = new Draft(this);
        draft.state = next;
        draft.updatedAt = at;
        edit.accept(draft);
        return draft.build();
    }

    /** The changeable part of a promise while one change is being made. */
    private static final class Draft {

        private final Promise from;
        AgentId ownerId;
        String ownerName;
        TeamId teamId;
        PromiseState state;
        Instant dueAt;
        Instant remindAt;
        Instant remindedAt;
        Instant brokenAt;
        Instant keptAt;
        UUID keptEntryId;
        String keptNote;
        Instant releasedAt;
        String releaseNote;
        int renegotiations;
        Instant updatedAt;

        Draft(Promise p) {
            from = p;
            ownerId = p.ownerId;
            ownerName = p.ownerName;
            teamId = p.teamId;
            state = p.state;
            dueAt = p.dueAt;
            remindAt = p.remindAt;
            remindedAt = p.remindedAt;
            brokenAt = p.brokenAt;
            keptAt = p.keptAt;
            keptEntryId = p.keptEntryId;
            keptNote = p.keptNote;
            releasedAt = p.releasedAt;
            releaseNote = p.releaseNote;
            renegotiations = p.renegotiations;
            updatedAt = p.updatedAt;
        }

        Promise build() {
            return new Promise(
                    from.id,
                    from.caseId,
                    from.caseNumber,
                    from.caseSubject,
                    from.customerId,
                    from.customerName,
                    teamId,
                    from.description,
                    from.madeInEntryId,
                    from.madeBy,
                    ownerId,
                    ownerName,
                    state,
                    from.madeAt,
                    from.firstDueAt,
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
    }
}
