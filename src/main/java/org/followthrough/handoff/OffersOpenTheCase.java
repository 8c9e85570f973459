package org.followthrough.handoff;

import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseReadGrant;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.springframework.stereotype.Component;

/**
 * An offer waiting for an agent's answer lets them read the case it offers, even one of another
 * team: nobody should have to accept a case they may not look at (ADR 013).
 */
@Component
class OffersOpenTheCase implements CaseReadGrant {

    @Override
    public CaseAccess.Condition grants(String caseIdColumn, AgentId agent, List<TeamId> teams) {
        return new CaseAccess.Condition(
                "exists (select 1 from handoff offer where offer.case_id = " + caseIdColumn
                        + " and offer.state = 'OFFERED' and (offer.to_agent_id = ?"
                        + " or (offer.to_agent_id is null and offer.to_team_id = any(?))))",
                List.of(agent.value(), teams.stream().map(TeamId::value).toArray(UUID[]::new)));
    }
}
