package org.followthrough.identity;

/** What an agent may do. Each role includes the ones below it. */
public enum Role {
    AGENT,
    SUPERVISOR,
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
