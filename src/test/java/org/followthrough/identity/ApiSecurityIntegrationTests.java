package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestAgents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ApiSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentDesk agents;

    @Autowired
    ApiTokens tokens;

    @Test
    void requestWithoutTokenIsUnauthorizedWithAProblem() {
        var response = ApiClient.anonymous(port).get("/api/v1/cases");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.text("detail")).contains("Bearer");
        assertThat(response.header("Set-Cookie")).isEmpty();
    }

    @Test
    void unknownTokenIsUnauthorized() {
        assertThat(ApiClient.withToken(port, "ft_no_such_token_at_all_0000")
                        .get("/api/v1/cases")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void revokedTokenStopsWorkingAtOnce() {
        var agent = new TestAgents(agents, tokens).create(Role.AGENT, "Revokee");
        var client = ApiClient.withToken(port, agent.token());
        assertThat(client.get("/api/v1/case-statuses").status()).isEqualTo(200);

        var token = tokens.all().stream()
                .filter(t -> t.agentId().equals(agent.agent().id()))
                .findFirst()
                .orElseThrow();
        tokens.revoke(token.id());

        var response = client.get("/api/v1/case-statuses");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("detail")).contains("revoked");
    }

    @Test
    void tokenOfADeactivatedAgentStopsWorking() {
        var agent = new TestAgents(agents, tokens).create(Role.AGENT, "Leaver");
        var client = ApiClient.withToken(port, agent.token());
        assertThat(client.get("/api/v1/teams").status()).isEqualTo(200);

        agents.update(
                agent.agent().id(), agent.agent().displayName(), Role.AGENT, ZoneId.of("UTC"), false, Actor.SYSTEM);

        assertThat(client.get("/api/v1/teams").status()).isEqualTo(401);
    }
}
