package org.followthrough.promise;

import java.time.Instant;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;

/** What happens to promises, published in the transaction that made it happen. */
public final class PromiseEvents {

    private PromiseEvents() {}

    public record PromiseMade(
            PromiseId promiseId, CaseId caseId, AgentId ownerId, TeamId teamId, Instant dueAt, Actor by, Instant at) {}

    public record PromiseKept(
            PromiseId promiseId, CaseId caseId, AgentId ownerId, TeamId teamId, boolean onTime, Actor by, Instant at) {}

    /** The due time passed while the promise was still open: its owner's supervisors are alerted. */
    public record PromiseBroken(
            PromiseId promiseId, CaseId caseId, AgentId ownerId, TeamId teamId, Instant dueAt, Instant at) {}

    public record PromiseRenegotiated(
            PromiseId promiseId,
            CaseId caseId,
            AgentId ownerId,
            TeamId teamId,
            Instant previousDueAt,
            Instant dueAt,
            Actor by,
            Instant at) {}

    public record PromiseReleased(
            PromiseId promiseId, CaseId caseId, AgentId ownerId, TeamId teamId, Actor by, Instant at) {}

    /** The reminder before the due time: the owner should act now. */
    public record PromiseDueSoon(
            PromiseId promiseId, CaseId caseId, AgentId ownerId, TeamId teamId, Instant dueAt, Instant at) {}

    /** A promise changed hands with its case. */
    public record PromiseReassigned(
            PromiseId promiseId, CaseId caseId, AgentId from, AgentId to, Actor by, Instant at) {}
}
