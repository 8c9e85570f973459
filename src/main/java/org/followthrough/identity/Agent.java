package org.followthrough.identity;

import java.time.ZoneId;
import java.util.Objects;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;

/**
 * A member of the support team who can sign in and own cases. Changes only through what happens to
 * an agent: renamed, given another role or time zone, deactivated or brought back. Their password
 * is kept apart, by {@link AgentDesk}.
 */
public final class Agent {

    private final AgentId id;
    private final String email;
    private String displayName;
    private Role role;
    private ZoneId timeZone;
    private boolean active;

    Agent(AgentId id, String email, String displayName, Role role, ZoneId timeZone, boolean active) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.displayName = displayName;
        this.role = Objects.requireNonNull(role, "role");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.active = active;
    }

    /** A new, active agent. The email is expected normalised (lower case, checked). */
    static Agent register(AgentId id, String email, String displayName, Role role, ZoneId timeZone) {
        return new Agent(id, email, validName(displayName), role, timeZone, true);
    }

    void rename(String name) {
        displayName = validName(name);
    }

    /**
     * Gives the agent another role. The desk must never lose its last active admin: {@code
     * otherActiveAdmins} counts the active admins besides this agent.
     */
    void changeRole(Role target, int otherActiveAdmins) {
        Objects.requireNonNull(target, "role");
        if (isActiveAdmin() && target != Role.ADMIN && otherActiveAdmins < 1) {
            throw lastAdmin();
        }
        role = target;
    }

    void changeTimeZone(ZoneId target) {
        timeZone = Objects.requireNonNull(target, "timeZone");
    }

    /** The agent can no longer sign in; they keep their cases' history and their teams for when they return. */
    void deactivate(int otherActiveAdmins) {
        if (isActiveAdmin() && otherActiveAdmins < 1) {
            throw lastAdmin();
        }
        active = false;
    }

    void activate() {
        active = true;
    }

    boolean isActiveAdmin() {
        return active && role == Role.ADMIN;
    }

    AgentView view() {
        return new AgentView(id, email, displayName, role, timeZone, active);
    }

    private static ConflictException lastAdmin() {
        return new ConflictException("This is the last active admin; make someone else admin first");
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("displayName", "must not be blank");
        }
        return name.strip();
    }

    public AgentId id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public boolean active() {
        return active;
    }
}
