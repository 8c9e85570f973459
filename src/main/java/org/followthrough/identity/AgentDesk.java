package org.followthrough.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.followthrough.audit.AuditLog;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agents and teams of this desk, changed: agents created and updated, passwords and time zones
 * set, teams formed and staffed. Reads are in {@link AgentQueries}.
 */
@Service
public class AgentDesk {

    private final Agents agents;
    private final Teams teams;
    private final AgentQueries queries;
    private final ActingAgents acting;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final AuditLog audit;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    AgentDesk(
            Agents agents,
            Teams teams,
            AgentQueries queries,
            ActingAgents acting,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            SignInThrottle throttle,
            Clock clock,
            AuditLog audit,
            ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.agents = agents;
        this.teams = teams;
        this.queries = queries;
        this.acting = acting;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.clock = clock;
        this.audit = audit;
        this.sessions = sessions;
    }

    @Transactional
    public AgentView create(
            String email, String displayName, Role role, ZoneId timeZone, String rawPassword, Actor by) {
        var address = normalisedEmail(email);
        var name = Agent.validName(displayName);
        policy.check("password", rawPassword, address);
        if (agents.emailTaken(address)) {
            throw new ConflictException("An agent with the email " + address + " already exists");
        }
        var agent = Agent.register(new AgentId(Ids.newId()), address, name, role, timeZone);
        agents.insert(agent, passwords.encode(rawPassword), clock.instant());
        audit.record(by, "agent", agent.id().value(), "created", null, Map.of("email", address, "role", role.name()));
        return agent.view();
    }

    @Transactional
    public AgentView update(AgentId id, String displayName, Role role, ZoneId timeZone, boolean active, Actor by) {
        var agent = lock(id);
        var before = agent.view();
        if (before.role() != role || !active) {
            int otherAdmins = agent.isActiveAdmin() ? agents.otherActiveAdmins(id) : 0;
            agent.changeRole(role, otherAdmins);
            if (!active) {
                agent.deactivate(otherAdmins);
            }
        }
        agent.rename(displayName);
        agent.changeTimeZone(timeZone);
        if (active) {
            agent.activate();
        }
        agents.update(agent);
        if (before.role() != agent.role() || before.active() != agent.active()) {
            signOutEverywhere(id);
        }
        audit.record(
                by,
                "agent",
                id.value(),
                "updated",
                Map.of("name", before.displayName(), "role", before.role().name(), "active", before.active()),
                Map.of("name", agent.displayName(), "role", role.name(), "active", active));
        return agent.view();
    }

    /** Changes an agent and, when a new password is given, their password: all or nothing. */
    @Transactional
    public AgentView update(
            AgentId id, String displayName, Role role, ZoneId timeZone, boolean active, String newPassword, Actor by) {
        if (newPassword != null && !newPassword.isEmpty()) {
            policy.check("password", newPassword, queries.get(id).email());
        }
        var updated = update(id, displayName, role, timeZone, active, by);
        if (newPassword != null && !newPassword.isEmpty()) {
            changePassword(id, newPassword, by);
        }
        return updated;
    }

    @Transactional
    public void changePassword(AgentId id, String rawPassword, Actor by) {
        changePassword(id, "password", rawPassword, by);
    }

    private void changePassword(AgentId id, String field, String rawPassword, Actor by) {
        policy.check(field, rawPassword, queries.get(id).email());
        agents.setPasswordHash(id, passwords.encode(rawPassword));
        audit.record(by, "agent", id.value(), "password_changed", null, null);
        signOutEverywhere(id);
    }

    /**
     * An agent changes their own password, proving who they are with the current one; a wrong
     * current password counts as a failed sign-in, so it cannot be guessed here instead.
     */
    @Transactional(noRollbackFor = {InvalidInputException.class, TooManyAttemptsException.class})
    public void changeOwnPassword(String currentPassword, String newPassword, String address, Actor by) {
        var agent = acting.of(by);
        var id = agent.id();
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidInputException("currentPassword", "is required to set a new password");
        }
        throttle.refuseIfBlocked(agent.email(), address);
        if (!matches(currentPassword, agents.passwordHashOf(id).orElse(null))) {
            throttle.failed(agent.email(), agent.id(), address).ifPresent(until -> {
                throw new TooManyAttemptsException(until, Duration.between(clock.instant(), until));
            });
            throw new InvalidInputException("currentPassword", "is wrong");
        }
        throttle.succeeded(agent.email());
        changePassword(id, "newPassword", newPassword, by);
    }

    /** An agent sets the time zone their console and reminders use. */
    @Transactional
    public AgentView changeTimeZone(AgentId id, ZoneId timeZone, Actor by) {
        var agent = lock(id);
        var before = agent.timeZone();
        agent.changeTimeZone(timeZone);
        agents.update(agent);
        audit.record(
                by,
                "agent",
                id.value(),
                "time_zone_changed",
                Map.of("timeZone", before.getId()),
                Map.of("timeZone", timeZone.getId()));
        return agent.view();
    }

    /**
     * Whether a password matches a stored hash. Too long a password never matches (hashing it would
     * cost unbounded work), and neither does one an old hash cannot take (bcrypt stops at 72 bytes).
     */
    boolean matches(String rawPassword, String hash) {
        // MAX_LENGTH counts code points; in chars (UTF-16) a password may be up to twice as long.
        if (hash == null || rawPassword == null || rawPassword.length() > PasswordPolicy.MAX_LENGTH * 2) {
            return false;
        }
        try {
            return passwords.matches(rawPassword, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Re-hashes a password just proven right when its hash uses an older scheme (bcrypt → Argon2id). */
    void upgradeHashIfOld(AgentId id, String rawPassword, String hash) {
        if (passwords.upgradeEncoding(hash)) {
            agents.replacePasswordHash(id, hash, passwords.encode(rawPassword));
        }
    }

    /** The password hash of an active agent, for signing in. */
    Optional<String> passwordHashOf(AgentId id) {
        return agents.passwordHashOf(id);
    }

    // teams -------------------------------------------------------------------

    @Transactional
    public TeamView createTeam(String name, Actor by) {
        var team = Team.form(new TeamId(Ids.newId()), name);
        if (teams.nameTaken(team.name(), null)) {
            throw new ConflictException("A team named " + team.name() + " already exists");
        }
        teams.insert(team, clock.instant());
        audit.record(by, "team", team.id().value(), "created", null, Map.of("name", team.name()));
        return team.view();
    }

    @Transactional
    public void renameTeam(TeamId id, String name, Actor by) {
        var team = lockTeam(id);
        rename(team, name);
        teams.update(team);
    }

    /** Renames a team and sets its active members in one transaction. */
    @Transactional
    public void updateTeam(TeamId id, String name, List<AgentId> members, Actor by) {
        var team = lockTeam(id);
        rename(team, name);
        staff(team, members, by);
    }

    @Transactional
    public void setMembers(TeamId id, List<AgentId> members, Actor by) {
        staff(lockTeam(id), members, by);
    }

    @Transactional
    public void join(TeamId id, AgentId agent, Actor by) {
        var team = lockTeam(id);
        team.join(agent);
        teams.update(team);
    }

    private void rename(Team team, String name) {
        team.rename(name);
        if (teams.nameTaken(team.name(), team.id())) {
            throw new ConflictException("A team named " + team.name() + " already exists");
        }
    }

    private void staff(Team team, List<AgentId> members, Actor by) {
        // Inactive members are not shown in the form; they keep their teams for when they return.
        var active = agents.activeAmong(team.members());
        team.setActiveMembers(members, active::contains);
        teams.update(team);
        audit.record(
                by,
                "team",
                team.id().value(),
                "members_set",
                null,
                Map.of("members", members.stream().map(AgentId::toString).toList()));
    }

    private Agent lock(AgentId id) {
        return agents.lock(id).orElseThrow(() -> new NotFoundException("Agent", id));
    }

    private Team lockTeam(TeamId id) {
        return teams.lock(id).orElseThrow(() -> new NotFoundException("Team", id));
    }

    /**
     * Ends every console session of an agent, so that a new role, a deactivation or a new password
     * takes effect now rather than at their next sign-in.
     */
    private void signOutEverywhere(AgentId id) {
        sessions.ifAvailable(repository ->
                repository.findByPrincipalName(id.toString()).keySet().forEach(repository::deleteById));
    }

    private static String normalisedEmail(String email) {
        return EmailAddress.require("email", email).toLowerCase(Locale.ROOT);
    }
}
