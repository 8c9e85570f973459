package org.followthrough.testing;

import java.time.ZoneId;
import java.util.UUID;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.ApiTokens;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;

/** Creates agents of a role, each uniquely named, with an API token to call as them. */
public class TestAgents {

    /** An agent and the secret of a token that acts as them. */
    public record WithToken(AgentView agent, String token) {}

    private final AgentDesk agents;
    private final ApiTokens tokens;

    public TestAgents(AgentDesk agents, ApiTokens tokens) {
        this.agents = agents;
        this.tokens = tokens;
    }

    public WithToken create(Role role, String name) {
        var unique = UUID.randomUUID().toString().substring(0, 8);
        var agent = agents.create(
                name.toLowerCase().replace(' ', '.') + "." + unique + "@agents.test",
                name + " " + unique,
                role,
                ZoneId.of("UTC"),
                "password-" + unique,
                Actor.SYSTEM);
        var issued = tokens.issue("test token", agent.id(), agent.id());
        return new WithToken(agent, issued.secret());
    }
}
