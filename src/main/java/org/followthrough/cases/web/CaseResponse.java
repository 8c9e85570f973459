package org.followthrough.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseView;
import org.followthrough.platform.ApiNames;

/** A case as the API shows it; {@code number} is the human handle ({@code #1042}). */
record CaseResponse(
        UUID id,
        long number,
        String subject,
        String status,
        boolean active,
        String priority,
        String channel,
        UUID customerId,
        String customerName,
        UUID teamId,
        String teamName,
        UUID ownerId,
        String ownerName,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt,
        Instant resolvedAt,
        Instant closedAt) {

    static CaseResponse of(CaseView c) {
        var people = c.people();
        var clock = c.clock();
        return new CaseResponse(
                c.id().value(),
                c.number(),
                c.subject(),
                ApiNames.of(c.status()),
                c.status().isActive(),
                ApiNames.of(c.priority()),
                ApiNames.of(c.channel()),
                people.customerId().value(),
                people.customerName(),
                people.teamId() == null ? null : people.teamId().value(),
                people.teamName(),
                people.ownerId() == null ? null : people.ownerId().value(),
                people.ownerName(),
                c.tags(),
                clock.createdAt(),
                clock.updatedAt(),
                clock.lastActivityAt(),
                clock.resolvedAt(),
                clock.closedAt());
    }
}
