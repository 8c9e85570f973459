package org.followthrough.promise.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.platform.ApiNames;
import org.followthrough.promise.PromiseQueries.DueChange;
import org.followthrough.promise.PromiseView;

/**
 * A promise as the API shows it: one flat object, as the published contract (OpenAPI) has it since
 * version 1, made only from a {@link PromiseView} by {@link #of}.
 */
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

    static PromiseResponse of(PromiseView p) {
        return of(p, null);
    }

    static PromiseResponse of(PromiseView p, List<DueChange> changes) {
        var made = p.made();
        var outcome = p.outcome();
        return new PromiseResponse(
                p.id().value(),
                p.supportCase().id().value(),
                p.supportCase().number(),
                p.customer().id().value(),
                p.description(),
                ApiNames.of(p.state()),
                p.dueAt(),
                made.firstDueAt(),
                p.reminder().at(),
                p.owner().id().value(),
                p.owner().name(),
                p.teamId() == null ? null : p.teamId().value(),
                made.at(),
                made.by().name(),
                made.inEntryId(),
                outcome.keptAt(),
                p.keptOnTime(),
                outcome.keptEntryId(),
                outcome.keptNote(),
                outcome.brokenAt(),
                outcome.releasedAt(),
                outcome.releaseNote(),
                p.renegotiations(),
                changes == null
                        ? null
                        : changes.stream()
                                .map(c -> new DueChangeResponse(
                                        c.changedAt(), c.previousDueAt(), c.dueAt(), c.messageEntryId(), c.by()))
                                .toList());
    }
}
