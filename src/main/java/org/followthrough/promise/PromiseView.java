package org.followthrough.promise;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;

/**
 * A promise as pages and the API read it: its own data, with the names of its case, customer and
 * owner read from their modules' published views. Grouped so that no part is a long row of
 * positional values.
 */
public record PromiseView(
        PromiseId id,
        CaseRef supportCase,
        CustomerRef customer,
        OwnerRef owner,
        TeamId teamId,
        String description,
        PromiseState state,
        Instant dueAt,
        Reminder reminder,
        Made made,
        Outcome outcome,
        int renegotiations) {

    /** The case it was made on. */
    public record CaseRef(CaseId id, long number, String subject) {}

    /** The customer it was made to. */
    public record CustomerRef(CustomerId id, String name) {}

    /** The agent who answers for it. */
    public record OwnerRef(AgentId id, String name) {}

    /** When its owner is reminded (null for never), and when they were. */
    public record Reminder(Instant at, Instant sentAt) {}

    /** Who made it, when, in which timeline entry, and when it was first due. */
    public record Made(Actor by, Instant at, UUID inEntryId, Instant firstDueAt) {}

    /** How it ended or went wrong: kept (with evidence), broken, released (with a note). */
    public record Outcome(
            Instant keptAt,
            UUID keptEntryId,
            String keptNote,
            Instant brokenAt,
            Instant releasedAt,
            String releaseNote) {}

    static PromiseView of(Promise p, CaseRef supportCase, String customerName, String ownerName) {
        return new PromiseView(
                p.id(),
                supportCase,
                new CustomerRef(p.customerId(), customerName),
                new OwnerRef(p.ownerId(), ownerName),
                p.teamId(),
                p.description(),
                p.state(),
                p.dueAt(),
                new Reminder(p.remindAt(), p.remindedAt()),
                new Made(p.madeBy(), p.madeAt(), p.madeInEntryId(), p.firstDueAt()),
                new Outcome(p.keptAt(), p.keptEntryId(), p.keptNote(), p.brokenAt(), p.releasedAt(), p.releaseNote()),
                p.renegotiations());
    }

    /** Kept by its due time, never broken on the way. */
    public boolean keptOnTime() {
        return Promise.keptOnTime(state, outcome.brokenAt(), outcome.keptAt(), dueAt);
    }

    /** Due within its reminder window, or past due, and not yet settled. */
    public boolean atRisk(Instant now) {
        return state.isPending() && reminder.at() != null && !now.isBefore(reminder.at());
    }
}
