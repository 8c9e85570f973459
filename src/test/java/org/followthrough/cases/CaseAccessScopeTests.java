package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.junit.jupiter.api.Test;

class CaseAccessScopeTests {

    private final TeamId mine = new TeamId(UUID.randomUUID());
    private final TeamId theirs = new TeamId(UUID.randomUUID());

    private CaseAccess.Scope as(Role role) {
        return new CaseAccess.Scope(new AgentId(UUID.randomUUID()), role, false, List.of(mine));
    }

    @Test
    void aSupervisorsPowersReachTheTeamsTheyAreInOnly() {
        assertThat(as(Role.SUPERVISOR).supervises(mine)).isTrue();
        assertThat(as(Role.SUPERVISOR).supervises(theirs)).isFalse();
        assertThat(as(Role.SUPERVISOR).supervises(null)).isFalse();
    }

    @Test
    void anAdminsReachEveryCaseAndAnAgentsNone() {
        assertThat(as(Role.ADMIN).supervises(theirs)).isTrue();
        assertThat(as(Role.ADMIN).supervises(null)).isTrue();
        assertThat(as(Role.AGENT).supervises(mine)).isFalse();
    }

    @Test
    void onlySupervisorsAndAdminsAnswerForTheirTeams() {
        assertThat(as(Role.AGENT).supervisedTeams()).isEmpty();
        assertThat(as(Role.SUPERVISOR).supervisedTeams()).containsExactly(mine);
    }

    @Test
    void namedParametersReplaceEachPlaceholderInOrder() {
        var condition = new CaseAccess.Condition("(c.owner_id = ? or c.team_id = any(?))", List.of("a", "b"));
        assertThat(condition.namedSql("v")).isEqualTo("(c.owner_id = :v0 or c.team_id = any(:v1))");
        assertThat(condition.namedParams("v")).containsEntry("v0", "a").containsEntry("v1", "b");
    }
}
