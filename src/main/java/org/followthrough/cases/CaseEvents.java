package org.followthrough.cases;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.Actor;

/** What happens to cases, published for other modules in the transaction that made it happen. */
public final class CaseEvents {

    private CaseEvents() {}

    public record CaseOpened(
            CaseId caseId, long number, CustomerId customerId, Channel channel, Actor by, Instant at) {}

    public record CaseStatusChanged(CaseId caseId, CaseStatus from, CaseStatus to, Actor by, Instant at) {}

    public record CaseAssigned(CaseId caseId, AgentId from, AgentId to, Actor by, Instant at) {}

    public record EntryAdded(CaseId caseId, UUID entryId, EntryKind kind, Actor by, Instant at) {}
}
