package org.followthrough.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.followthrough.platform.InvalidInputException;

/**
 * A team of agents. Changes only through what happens to a team: renamed, members set or joined.
 * Inactive members stay in their teams for when they return.
 */
public final class Team {

    private final TeamId id;
    private String name;
    private final Set<AgentId> members;

    Team(TeamId id, String name, Collection<AgentId> members) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.members = new LinkedHashSet<>(members);
    }

    /** A new team, with nobody in it yet. */
    static Team form(TeamId id, String name) {
        return new Team(id, validName(name), Set.of());
    }

    void rename(String target) {
        name = validName(target);
    }

    /**
     * The team's active members become exactly {@code target}; members who are not active (not
     * shown in the form) stay.
     */
    void setActiveMembers(Collection<AgentId> target, Predicate<AgentId> isActive) {
        members.removeIf(isActive);
        members.addAll(target);
    }

    void join(AgentId agent) {
        members.add(Objects.requireNonNull(agent, "agent"));
    }

    TeamView view() {
        return new TeamView(id, name);
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        return name.strip();
    }

    public TeamId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Set<AgentId> members() {
        return Set.copyOf(members);
    }
}
