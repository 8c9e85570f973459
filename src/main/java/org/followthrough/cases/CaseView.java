package org.followthrough.cases;

import java.time.Instant;
import java.util.List;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;

/** A case as lists and pages show it, with the names of who it concerns. */
public record CaseView(
        CaseId id,
        long number,
        String subject,
        CustomerId customerId,
        String customerName,
        TeamId teamId,
        String teamName,
        AgentId ownerId,
        String ownerName,
        Priority priority,
        CaseStatus status,
        Channel channel,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt,
        Instant resolvedAt,
        Instant closedAt) {}
