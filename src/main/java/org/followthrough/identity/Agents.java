package org.followthrough.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Sql;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The agents and teams of this desk. */
@Service
public class Agents {

    private static final String AGENT_COLUMNS = "id, email, display_name, role, time_zone, active";

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;
    private final Clock clock;

    private final AuditLog audit;
    private final org.springframework.beans.factory.ObjectProvider<
                    org.springframework.session.FindByIndexNameSessionRepository<?>>
            sessions;

    Agents(
            JdbcClient db,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            SignInThrottle throttle,
            Clock clock,
            AuditLog audit,
            org.springframework.beans.factory.ObjectProvider<
                            org.springframework.session.FindByIndexNameSessionRepository<?>>
                    sessions) {
        this.db = db;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.clock = clock;
        this.audit = audit;
        this.sessions = sessions;
    }

    /**
     * Ends every console session of an agent, so that a new role, a deactivation or a new password
     * takes effect now rather than at their next sign-in.
     */
    private void signOutEverywhere(AgentId id) {
        sessions.ifAvailable(repository ->
                repository.findByPrincipalName(id.toString()).keySet().forEach(repository::deleteById));
    }

    public Optional<Agent> find(AgentId id) {
        return db.sql("select " + AGENT_COLUMNS + " from agent where id = ?")
                .param(id.value())
                .query(Agents::agent)
                .optional();
    }

    public Agent get(AgentId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Agent", id));
    }

    public Optional<Agent> findByEmail(String email) {
        return db.sql("select " + AGENT_COLUMNS + " from agent where lower(email) = lower(?)")
                .param(email)
                .query(Agents::agent)
                .optional();
    }

    public List<Agent> all() {
        return db.sql("select " + AGENT_COLUMNS + " from agent order by active desc, display_name")
                .query(Agents::agent)
                .list();
    }

    public List<Agent> active() {
        return db.sql("select " + AGENT_COLUMNS + " from agent where active order by display_name")
                .query(Agents::agent)
                .list();
    }

    public boolean none() {
        return db.sql("select not exists (select 1 from agent)")
                .query(Boolean.class)
                .single();
    }

    @Transactional
    public Agent create(String email, String displayName, Role role, ZoneId timeZone, String rawPassword) {
        var address = normalisedEmail(email);
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("displayName", "must not be blank");
        }
        policy.check("password", rawPassword, address);
        if (findByEmail(address).isPresent()) {
            throw new ConflictException("An agent with the email " + address + " already exists");
        }
        var id = new AgentId(Ids.newId());
        db.sql("""
                insert into agent (id, email, display_name, password_hash, role, time_zone, active, created_at)
                values (?, ?, ?, ?, ?, ?, true, ?)""")
                .params(
                        id.value(),
                        address,
                        displayName.strip(),
                        passwords.encode(rawPassword),
                        role.name(),
                        timeZone.getId(),
                        Sql.ts(clock.instant()))
                .update();
        audit.record(
                CurrentActor.get(),
                "agent",
                id.value(),
                "created",
                null,
                Map.of("email", address, "role", role.name()));
        return get(id);
    }

    @Transactional
    public Agent update(AgentId id, String displayName, Role role, ZoneId timeZone, boolean active) {
        var before = get(id);
        boolean losesAdmin = before.role() == Role.ADMIN && before.active() && (role != Role.ADMIN || !active);
        if (losesAdmin && activeAdmins() <= 1) {
            throw new ConflictException("This is the last active admin; make someone else admin first");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("displayName", "must not be blank");
        }
        db.sql("update agent set display_name = ?, role = ?, time_zone = ?, active = ? where id = ?")
                .params(displayName.strip(), role.name(), timeZone.getId(), active, id.value())
                .update();
        if (before.role() != role || before.active() != active) {
            signOutEverywhere(id);
        }
        audit.record(
                CurrentActor.get(),
                "agent",
                id.value(),
                "updated",
                Map.of("name", before.displayName(), "role", before.role().name(), "active", before.active()),
                Map.of("name", displayName.strip(), "role", role.name(), "active", active));
        return get(id);
    }

    /** Changes an agent and, when a new password is given, their password: all or nothing. */
    @Transactional
    public Agent update(
            AgentId id, String displayName, Role role, ZoneId timeZone, boolean active, String newPassword) {
        if (newPassword != null && !newPassword.isEmpty()) {
            policy.check("password", newPassword, get(id).email());
        }
        var updated = update(id, displayName, role, timeZone, active);
        if (newPassword != null && !newPassword.isEmpty()) {
            changePassword(id, newPassword);
        }
        return updated;
    }

    @Transactional
    public void changePassword(AgentId id, String rawPassword) {
        changePassword(id, "password", rawPassword);
    }

    private void changePassword(AgentId id, String field, String rawPassword) {
        policy.check(field, rawPassword, get(id).email());
        db.sql("update agent set password_hash = ? where id = ?")
                .params(passwords.encode(rawPassword), id.value())
                .update();
        audit.record(CurrentActor.get(), "agent", id.value(), "password_changed", null, null);
        signOutEverywhere(id);
    }

    /**
     * An agent changes their own password, proving who they are with the current one; a wrong
     * current password counts as a failed sign-in, so it cannot be guessed here instead.
     */
    @Transactional(noRollbackFor = {InvalidInputException.class, TooManyAttemptsException.class})
    public void changeOwnPassword(AgentId id, String currentPassword, String newPassword, String address) {
        var agent = get(id);
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidInputException("currentPassword", "is required to set a new password");
        }
        throttle.refuseIfBlocked(agent.email(), address);
        if (!matches(currentPassword, passwordHashOf(id).orElse(null))) {
            throttle.failed(agent.email(), agent.id(), address).ifPresent(until -> {
                throw new TooManyAttemptsException(until, java.time.Duration.between(clock.instant(), until));
            });
            throw new InvalidInputException("currentPassword", "is wrong");
        }
        throttle.succeeded(agent.email());
        changePassword(id, "newPassword", newPassword);
    }

    /** An agent sets the time zone their console and reminders use. */
    @Transactional
    public Agent changeTimeZone(AgentId id, ZoneId timeZone) {
        var before = get(id);
        db.sql("update agent set time_zone = ? where id = ?")
                .params(timeZone.getId(), id.value())
                .update();
        audit.record(
                CurrentActor.get(),
                "agent",
                id.value(),
                "time_zone_changed",
                Map.of("timeZone", before.timeZone().getId()),
                Map.of("timeZone", timeZone.getId()));
        return get(id);
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
            db.sql("update agent set password_hash = ? where id = ? and password_hash = ?")
                    .params(passwords.encode(rawPassword), id.value(), hash)
                    .update();
        }
    }

    private int activeAdmins() {
        return db.sql("select count(*) from agent where role = 'ADMIN' and active")
                .query(Integer.class)
                .single();
    }

    Optional<String> passwordHashOf(AgentId id) {
        return db.sql("select password_hash from agent where id = ? and active")
                .param(id.value())
                .query(String.class)
                .optional();
    }

    // teams -------------------------------------------------------------------

    public List<Team> teams() {
        return db.sql("select id, name from team order by name")
                .query(Agents::team)
                .list();
    }

    public Optional<Team> findTeam(TeamId id) {
        return db.sql("select id, name from team where id = ?")
                .param(id.value())
                .query(Agents::team)
                .optional();
    }

    public Team getTeam(TeamId id) {
        return findTeam(id).orElseThrow(() -> new NotFoundException("Team", id));
    }

    public Optional<Team> findTeamByName(String name) {
        return db.sql("select id, name from team where lower(name) = lower(?)")
                .param(name)
                .query(Agents::team)
                .optional();
    }

    @Transactional
    public Team createTeam(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (findTeamByName(name.strip()).isPresent()) {
            throw new ConflictException("A team named " + name.strip() + " already exists");
        }
        var id = new TeamId(Ids.newId());
        db.sql("insert into team (id, name, created_at) values (?, ?, ?)")
                .params(id.value(), name.strip(), Sql.ts(clock.instant()))
                .update();
        audit.record(CurrentActor.get(), "team", id.value(), "created", null, Map.of("name", name.strip()));
        return getTeam(id);
    }

    @Transactional
    public void renameTeam(TeamId id, String name) {
        getTeam(id);
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        findTeamByName(name.strip()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new ConflictException("A team named " + name.strip() + " already exists");
        });
        db.sql("update team set name = ? where id = ?")
                .params(name.strip(), id.value())
                .update();
    }

    /** Renames a team and sets its active members in one transaction. */
    @Transactional
    public void updateTeam(TeamId team, String name, List<AgentId> members) {
        renameTeam(team, name);
        setMembers(team, members);
    }

    @Transactional
    public void setMembers(TeamId team, List<AgentId> members) {
        getTeam(team);
        // Inactive members are not shown in the form; they keep their teams for when they return.
        db.sql("delete from team_member where team_id = ? and agent_id in (select id from agent where active)")
                .param(team.value())
                .update();
        for (var member : members) {
            db.sql("insert into team_member (team_id, agent_id) values (?, ?)")
                    .params(team.value(), member.value())
                    .update();
        }
        audit.record(
                CurrentActor.get(),
                "team",
                team.value(),
                "members_set",
                null,
                Map.of("members", members.stream().map(AgentId::toString).toList()));
    }

    @Transactional
    public void join(TeamId team, AgentId agent) {
        db.sql("insert into team_member (team_id, agent_id) values (?, ?) on conflict do nothing")
                .params(team.value(), agent.value())
                .update();
    }

    public List<Agent> membersOf(TeamId team) {
        return db.sql("select a.id, a.email, a.display_name, a.role, a.time_zone, a.active"
                        + " from agent a join team_member m on m.agent_id = a.id"
                        + " where m.team_id = ? order by a.display_name")
                .param(team.value())
                .query(Agents::agent)
                .list();
    }

    public List<Team> teamsOf(AgentId agent) {
        return db.sql("select t.id, t.name from team t join team_member m on m.team_id = t.id"
                        + " where m.agent_id = ? order by t.name")
                .param(agent.value())
                .query(Agents::team)
                .list();
    }

    public boolean isMember(AgentId agent, TeamId team) {
        return db.sql("select exists (select 1 from team_member where agent_id = ? and team_id = ?)")
                .params(agent.value(), team.value())
                .query(Boolean.class)
                .single();
    }

    private static String normalisedEmail(String email) {
        return EmailAddress.require("email", email).toLowerCase(Locale.ROOT);
    }

    static Agent agent(ResultSet rs, int row) throws SQLException {
        return new Agent(
                new AgentId(rs.getObject("id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getBoolean("active"));
    }

    static Team team(ResultSet rs, int row) throws SQLException {
        return new Team(new TeamId(rs.getObject("id", UUID.class)), rs.getString("name"));
    }
}
