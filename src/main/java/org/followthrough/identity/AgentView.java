package org.followthrough.identity;

import java.time.ZoneId;

/** A member of the support team who can sign in and own cases, as pages, the API and other modules see them. */
public record AgentView(AgentId id, String email, String displayName, Role role, ZoneId timeZone, boolean active) {

    public boolean isAtLeast(Role other) {
        return role.includes(other);
    }
}
