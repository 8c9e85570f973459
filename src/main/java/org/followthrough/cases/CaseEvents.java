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

    /** Any entry on a case's timeline: a contact (kind other than EVENT) or an event such as a status change. */
    public record EntryAdded(CaseId caseId, UUID entryId, EntryKind kind, Actor by, Instant at) {}
}
