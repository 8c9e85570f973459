package org.followthrough.identity;

import org.followthrough.platform.Actor;
import org.followthrough.platform.ForbiddenException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the agent behind an {@link Actor} may do. Services name who acted by {@code Actor}, the one
 * way to say it for agents, customers and the system alike (docs/architecture.md); where a use case
 * is for agents only, the service asks here for the agent's role and teams.
 */
@Component
public class ActingAgents {

    private final Agents agents;

    ActingAgents(Agents agents) {
        this.agents = agents;
    }

    /**
     * The agent who acted: the signed-in principal when it is the same agent (no query), else the
     * agent as stored (demo replays, mail, tests). Refuses the system, customers and deactivated
     * agents.
     */
    public SignedInAgent of(Actor by) {
        if (by.type() != Actor.Type.AGENT) {
            throw new ForbiddenException("Only an agent can do this.");
        }
        var id = new AgentId(by.id());
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof SignedInAgent signedIn
                && signedIn.id().equals(id)) {
            return signedIn;
        }
        return agents.find(id)
                .filter(Agent::active)
                .map(Agent::view)
                .map(SignedInAgent::of)
                .orElseThrow(() -> new ForbiddenException("Only an active agent can do this."));
    }
}
