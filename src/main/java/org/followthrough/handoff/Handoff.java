package org.followthrough.handoff;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;

/** A case offered by its owner to an agent or a team, with what the receiver needs to know. */
public record Handoff(
        HandoffId id,
        CaseId caseId,
        long caseNumber,
        String caseSubject,
        AgentId fromOwnerId,
        String fromOwnerName,
        AgentId toAgentId,
        String toAgentName,
        TeamId toTeamId,
        String toTeamName,
        String note,
        HandoffState state,
        UUID offeredById,
        String offeredByName,
        Instant offeredAt,
        Instant answerBy,
        Instant unansweredAt,
        Instant decidedAt,
        String decidedByName,
        String declineReason) {

    /** "Ann" or "Billing & Accounts" or "Ann (Billing & Accounts)". */
    public String receiverName() {
        if (toAgentName != null && toTeamName != null) {
            return toAgentName + " (" + toTeamName + ")";
        }
        return toAgentName != null ? toAgentName : toTeamName;
    }
}
