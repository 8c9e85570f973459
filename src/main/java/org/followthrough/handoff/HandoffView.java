package org.followthrough.handoff;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;

/**
 * A handoff as pages, alerts and the API show it: the offer with the names of its case, its owner
 * and its receiver, read from the published views.
 */
public record HandoffView(
        HandoffId id,
        CaseRef supportCase,
        Person from,
        Receiver to,
        String note,
        HandoffState state,
        Offered offered,
        Instant unansweredAt,
        Decision decision) {

    /** The case offered. */
    public record CaseRef(CaseId id, long number, String subject) {}

    /** The owner who stays accountable until the offer is accepted. */
    public record Person(AgentId id, String name) {}

    /** Who the case is offered to: an agent, a team, or an agent in a team. */
    public record Receiver(AgentId agentId, String agentName, TeamId teamId, String teamName) {

        /** "Ann" or "Billing & Accounts" or "Ann (Billing & Accounts)". */
        public String name() {
            if (agentName != null && teamName != null) {
                return agentName + " (" + teamName + ")";
            }
            return agentName != null ? agentName : teamName;
        }
    }

    /** Who made the offer (the owner or a supervisor), when, and by when it must be answered. */
    public record Offered(UUID byId, String byName, Instant at, Instant answerBy) {}

    /** The answer, once there is one; all null while the offer is open. */
    public record Decision(Instant at, String byName, String declineReason) {}

    public CaseId caseId() {
        return supportCase.id();
    }

    public long caseNumber() {
        return supportCase.number();
    }

    public String caseSubject() {
        return supportCase.subject();
    }

    public AgentId fromOwnerId() {
        return from.id();
    }

    public String fromOwnerName() {
        return from.name();
    }

    public AgentId toAgentId() {
        return to.agentId();
    }

    public TeamId toTeamId() {
        return to.teamId();
    }

    public String receiverName() {
        return to.name();
    }

    public String offeredByName() {
        return offered.byName();
    }

    public Instant answerBy() {
        return offered.answerBy();
    }

    public String decidedByName() {
        return decision.byName();
    }

    public String declineReason() {
        return decision.declineReason();
    }
}
