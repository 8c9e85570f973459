package org.followthrough.handoff;

import java.time.Instant;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;

/** What happens to handoffs, published in the transaction that made it happen. */
public final class HandoffEvents {

    private HandoffEvents() {}

    public record HandoffOffered(
            HandoffId handoffId,
            CaseId caseId,
            AgentId from,
            AgentId toAgent,
            TeamId toTeam,
            Instant answerBy,
            Actor by) {}

    public record HandoffAccepted(
            HandoffId handoffId, CaseId caseId, AgentId from, AgentId to, TeamId team, Actor by) {}

    public record HandoffDeclined(HandoffId handoffId, CaseId caseId, AgentId from, String reason, Actor by) {}

    public record HandoffWithdrawn(HandoffId handoffId, CaseId caseId, Actor by) {}

    /** Nobody accepted the offer in time: the supervisors of the case's team are alerted. */
    public record HandoffUnanswered(HandoffId handoffId, CaseId caseId, AgentId from, TeamId team, Instant at) {}
}
