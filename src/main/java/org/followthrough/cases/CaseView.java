package org.followthrough.cases;

import java.time.Instant;
import java.util.List;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;

/**
 * A case as lists and pages show it: what it is and where it stands, who it concerns by name
 * ({@link People}) and when things happened to it ({@link Clock}).
 */
public record CaseView(
        CaseId id,
        long number,
        String subject,
        CaseStatus status,
        Priority priority,
        Channel channel,
        List<String> tags,
        People people,
        Clock clock) {

    /** The customer the case is for, the team it is in and the agent who owns it, with their names. */
    public record People(
            CustomerId customerId,
            String customerName,
            TeamId teamId,
            String teamName,
            AgentId ownerId,
            String ownerName) {}

    /** When the case was opened, last changed, last active, and resolved or closed (null if not). */
    public record Clock(
            Instant createdAt, Instant updatedAt, Instant lastActivityAt, Instant resolvedAt, Instant closedAt) {}
}
