package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

/** What an agent and a team allow to change, without a database. */
class AgentTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Agent agent(Role role) {
        return Agent.register(new AgentId(UUID.randomUUID()), "ann@example.com", "  Ann  ", role, BERLIN);
    }

    @Test
    void aNewAgentIsActiveWithATrimmedName() {
        var ann = agent(Role.AGENT);
        assertThat(ann.active()).isTrue();
        assertThat(ann.displayName()).isEqualTo("Ann");
        assertThat(ann.view()).isEqualTo(new AgentView(ann.id(), "ann@example.com", "Ann", Role.AGENT, BERLIN, true));
        assertThatThrownBy(() -> agent(Role.AGENT).rename(" "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("displayName"));
        assertThatThrownBy(
                        () -> Agent.register(new AgentId(UUID.randomUUID()), "a@example.com", null, Role.AGENT, BERLIN))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        var admin = agent(Role.ADMIN);
        assertThatThrownBy(() -> admin.changeRole(Role.SUPERVISOR, 0)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> admin.deactivate(0)).isInstanceOf(ConflictException.class);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.active()).isTrue();
        admin.changeRole(Role.ADMIN, 0);
        admin.changeRole(Role.SUPERVISOR, 1);
        assertThat(admin.role()).isEqualTo(Role.SUPERVISOR);
    }

    @Test
    void anotherActiveAdminLetsAnAdminGo() {
        var admin = agent(Role.ADMIN);
        admin.deactivate(1);
        assertThat(admin.active()).isFalse();
        assertThat(admin.isActiveAdmin()).isFalse();
        admin.activate();
        assertThat(admin.isActiveAdmin()).isTrue();
    }

    @Test
    void agentsWhoAreNotAdminsComeAndGoFreely() {
        var ann = agent(Role.AGENT);
        ann.deactivate(0);
        assertThat(ann.active()).isFalse();
        ann.changeRole(Role.ADMIN, 0);
        assertThat(ann.isActiveAdmin()).isFalse();
        ann.activate();
        ann.changeTimeZone(ZoneId.of("UTC"));
        ann.rename("Ann B.");
        assertThat(ann.view())
                .isEqualTo(new AgentView(ann.id(), ann.email(), "Ann B.", Role.ADMIN, ZoneId.of("UTC"), true));
    }

    @Test
    void aTeamNeedsANameAndKeepsItsInactiveMembers() {
        assertThatThrownBy(() -> Team.form(new TeamId(UUID.randomUUID()), "  "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        var active = new AgentId(UUID.randomUUID());
        var away = new AgentId(UUID.randomUUID());
        var joining = new AgentId(UUID.randomUUID());
        var team = new Team(new TeamId(UUID.randomUUID()), "Billing", List.of(active, away));
        team.setActiveMembers(List.of(joining), Set.of(active)::contains);
        assertThat(team.members()).containsExactlyInAnyOrder(away, joining);
        team.join(joining);
        team.join(active);
        assertThat(team.members()).containsExactlyInAnyOrder(away, joining, active);
        team.rename(" Billing & Accounts ");
        assertThat(team.view()).isEqualTo(new TeamView(team.id(), "Billing & Accounts"));
    }
}
