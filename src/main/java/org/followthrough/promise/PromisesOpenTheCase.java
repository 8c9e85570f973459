package org.followthrough.promise;

import java.util.List;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseReadGrant;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.springframework.stereotype.Component;

/**
 * An agent who still answers for a promise on a case may read that case, even after it moved to
 * another team: nobody loses sight of what they owe a customer (ADR 013).
 */
@Component
class PromisesOpenTheCase implements CaseReadGrant {

    @Override
    public CaseAccess.Condition grants(String caseIdColumn, AgentId agent, List<TeamId> teams) {
        return new CaseAccess.Condition(
                "exists (select 1 from promise owed where owed.case_id = " + caseIdColumn
                        + " and owed.owner_id = ? and owed.state in ('OPEN', 'RENEGOTIATED', 'BROKEN'))",
                List.of(agent.value()));
    }
}
