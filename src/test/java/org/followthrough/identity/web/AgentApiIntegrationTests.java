package org.followthrough.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.ApiTokens;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestAgents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AgentApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentDesk agents;

    @Autowired
    ApiTokens tokens;

    @Test
    void agentsAreListedWithTheirRoleForAnyAgent() {
        var supervisor = new TestAgents(agents, tokens).create(Role.SUPERVISOR, "Lister");
        var plainAgent = new TestAgents(agents, tokens).create(Role.AGENT, "Reader");

        var response = ApiClient.withToken(port, plainAgent.token()).get("/api/v1/agents");

        assertThat(response.status()).isEqualTo(200);
        var found = new ArrayList<tools.jackson.databind.JsonNode>();
        response.body().path("items").forEach(a -> {
            if (a.path("id").asString().equals(supervisor.agent().id().toString())) {
                found.add(a);
            }
        });
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().path("role").asString()).isEqualTo("supervisor");
        assertThat(found.getFirst().path("displayName").asString())
                .isEqualTo(supervisor.agent().displayName());
        assertThat(found.getFirst().path("active").asBoolean()).isTrue();
        assertThat(found.getFirst().has("passwordHash")).isFalse();
    }

    @Test
    void teamsAreListed() {
        var team = agents.createTeam("Team " + UUID.randomUUID(), Actor.SYSTEM);

        var response = ApiClient.admin(port).get("/api/v1/teams");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("items").toString())
                .contains(team.id().toString())
                .contains(team.name());
    }
}
