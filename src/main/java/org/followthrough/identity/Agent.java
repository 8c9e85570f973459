package org.followthrough.identity;

import java.time.ZoneId;

/** A member of the support team who can sign in and own cases. */
public record Agent(AgentId id, String email, String displayName, Role role, ZoneId timeZone, boolean active) {

    public boolean isAtLeast(Role other) {
        return role.includes(other);
    }
}
