package org.followthrough.cases;

import java.util.List;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;

/**
 * A reason beyond teams and ownership for an agent to read a case, such as an offer of it waiting
 * for their answer. Declared here and implemented by the modules that hold the reason, so cases do
 * not depend on them; {@link CaseAccess} asks every grant.
 */
public interface CaseReadGrant {

    /** A condition on {@code caseIdColumn} that holds for the cases this grant opens to the agent. */
    CaseAccess.Condition grants(String caseIdColumn, AgentId agent, List<TeamId> teams);
}
