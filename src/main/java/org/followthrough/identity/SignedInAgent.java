package org.followthrough.identity;

import java.io.Serializable;
import java.time.ZoneId;
import org.followthrough.platform.Actor;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The agent behind a request, whether signed in through the console or calling with an API token.
 * Kept in the shared session store, hence small, serializable and free of credentials.
 */
public record SignedInAgent(AgentId id, String email, String displayName, Role role, String timeZone)
        implements Serializable, AuthenticatedPrincipal {

    /**
     * The name Spring Security and the session store know this agent by: the id, which never
     * changes and fits the session table's principal column (the record's toString did not).
     */
    @Override
    public String getName() {
        return id.toString();
    }

    public Actor actor() {
        return Actor.agent(id.value(), displayName);
    }

    public boolean isAtLeast(Role other) {
        return role.includes(other);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public static SignedInAgent of(AgentView agent) {
        return new SignedInAgent(
                agent.id(),
                agent.email(),
                agent.displayName(),
                agent.role(),
                agent.timeZone().getId());
    }
}
