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
        return new CaseResponse(
                c.id().value(),
                c.number(),
                c.subject(),
                ApiNames.of(c.status()),
                c.status().isActive(),
                ApiNames.of(c.priority()),
                ApiNames.of(c.channel()),
                c.customerId().value(),
                c.customerName(),
                c.teamId() == null ? null : c.teamId().value(),
                c.teamName(),
                c.ownerId() == null ? null : c.ownerId().value(),
                c.ownerName(),
                c.tags(),
                c.createdAt(),
                c.updatedAt(),
                c.lastActivityAt(),
                c.resolvedAt(),
                c.closedAt());
    }
}
