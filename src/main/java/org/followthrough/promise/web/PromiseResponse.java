package org.followthrough.promise.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.platform.ApiNames;
import org.followthrough.promise.Promise;
import org.followthrough.promise.Promises.DueChange;

/** A promise as the API shows it. */
record PromiseResponse(
        UUID id,
        UUID caseId,
        long caseNumber,
        UUID customerId,
        String description,
        String state,
        Instant dueAt,
        Instant firstDueAt,
        Instant remindAt,
        UUID ownerId,
        String ownerName,
        UUID teamId,
        Instant madeAt,
        String madeBy,
        UUID madeInEntryId,
        Instant keptAt,
        boolean keptOnTime,
        UUID keptEntryId,
        String keptNote,
        Instant brokenAt,
        Instant releasedAt,
        String releaseNote,
        int renegotiations,
        List<DueChangeResponse> dueChanges) {

    record DueChangeResponse(Instant changedAt, Instant previousDueAt, Instant dueAt, UUID messageEntryId, String by) {}

    static PromiseResponse of(Promise p) {
        return of(p, null);
    }

    static PromiseResponse of(Promise p, List<DueChange> changes) {
        return new PromiseResponse(
                p.id().value(),
                p.caseId().value(),
                p.caseNumber(),
                p.customerId().value(),
                p.description(),
                ApiNames.of(p.state()),
                p.dueAt(),
                p.firstDueAt(),
                p.remindAt(),
                p.ownerId().value(),
                p.ownerName(),
                p.teamId() == null ? null : p.teamId().value(),
                p.madeAt(),
                p.madeBy().name(),
                p.madeInEntryId(),
                p.keptAt(),
                p.keptOnTime(),
                p.keptEntryId(),
                p.keptNote(),
                p.brokenAt(),
                p.releasedAt(),
                p.releaseNote(),
                p.renegotiations(),
                changes == null
                        ? null
                        : changes.stream()
                                .map(c -> new DueChangeResponse(
                                        c.changedAt(), c.previousDueAt(), c.dueAt(), c.messageEntryId(), c.by()))
                                .toList());
    }
}
